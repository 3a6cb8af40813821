package io.tradingmetrics.storage.timescale;

import javax.net.SocketFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * pgjdbc's sockets, with the read timeout ({@code SO_TIMEOUT}: the socket timeout, and the network timeout HikariCP
 * sets while it checks a connection) kept by a watchdog thread instead of the socket. With a read timeout on the
 * JDK's socket, a loopback round trip took about 0.01 ms longer, a fifth of a small read (BENCHMARKS.md). Here reads
 * block; a read that waits longer than the timeout has its socket closed by the watchdog and fails with a
 * {@link SocketTimeoutException}, as a timed-out read did, within {@value #TICK_MILLIS} ms of the deadline.
 *
 * <p>Named by class in pgjdbc's {@code socketFactory} property, which instantiates it.
 */
public final class DeadlineSocketFactory extends SocketFactory {
    /** How often the watchdog looks at the reads under way. */
    static final long TICK_MILLIS = 50;

    private static final Set<DeadlineSocket> OPEN = ConcurrentHashMap.newKeySet();
    private static volatile Thread watchdog;

    @Override
    public Socket createSocket() {
        return new DeadlineSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket socket = createSocket();
        socket.connect(new InetSocketAddress(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        Socket socket = createSocket();
        socket.bind(new InetSocketAddress(localHost, localPort));
        socket.connect(new InetSocketAddress(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        Socket socket = createSocket();
        socket.connect(new InetSocketAddress(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        Socket socket = createSocket();
        socket.bind(new InetSocketAddress(localAddress, localPort));
        socket.connect(new InetSocketAddress(address, port));
        return socket;
    }

    private static void watch(DeadlineSocket socket) {
        OPEN.add(socket);
        if (watchdog == null) {
            synchronized (DeadlineSocketFactory.class) {
                if (watchdog == null) {
                    Thread thread = new Thread(DeadlineSocketFactory::watchReads, "metrics-postgres-read-deadlines");
                    thread.setDaemon(true);
                    thread.start();
                    watchdog = thread;
                }
            }
        }
    }

    private static void watchReads() {
        while (true) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS));
            long now = System.nanoTime();
            for (DeadlineSocket socket : OPEN) {
                socket.closeIfOverdue(now);
            }
        }
    }

    /** A socket whose reads block, ended by the watchdog when one outlasts the read timeout. */
    static final class DeadlineSocket extends Socket {
        private volatile int timeoutMillis;
        /** When the read under way began (System.nanoTime), 0 for none. */
        private volatile long readingSince;
        private volatile boolean timedOut;
        private InputStream input;

        /** Watched once connected, until closed. */
        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            super.connect(endpoint, timeout);
            watch(this);
            if (isClosed()) {
                OPEN.remove(this); // closed meanwhile, by another thread
            }
        }

        /** Kept for the watchdog, not given to the socket, whose reads then stay blocking. */
        @Override
        public void setSoTimeout(int timeout) throws SocketException {
            if (timeout < 0) {
                throw new IllegalArgumentException("timeout < 0");
            }
            if (isClosed()) {
                throw new SocketException("Socket is closed");
            }
            timeoutMillis = timeout;
        }

        @Override
        public int getSoTimeout() throws SocketException {
            if (isClosed()) {
                throw new SocketException("Socket is closed");
            }
            return timeoutMillis;
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (input == null) {
                input = new DeadlineInput(super.getInputStream());
            }
            return input;
        }

        @Override
        public synchronized void close() throws IOException {
            OPEN.remove(this);
            super.close();
        }

        void closeIfOverdue(long now) {
            long since = readingSince;
            int timeout = timeoutMillis;
            if (since != 0 && timeout > 0 && now - since > TimeUnit.MILLISECONDS.toNanos(timeout)) {
                timedOut = true;
                try {
                    close();
                } catch (IOException ignored) {
                    // the blocked read fails either way
                }
            }
        }

        /** Marks each read for the watchdog; a read it ended fails as a timed-out read. */
        private final class DeadlineInput extends InputStream {
            private final InputStream in;

            DeadlineInput(InputStream in) {
                this.in = in;
            }

            @Override
            public int read() throws IOException {
                begin();
                try {
                    return in.read();
                } catch (SocketException e) {
                    throw timedOutOr(e);
                } finally {
                    readingSince = 0;
                }
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                begin();
                try {
                    return in.read(bytes, offset, length);
                } catch (SocketException e) {
                    throw timedOutOr(e);
                } finally {
                    readingSince = 0;
                }
            }

            private void begin() {
                long now = System.nanoTime();
                readingSince = now == 0 ? 1 : now;
            }

            private IOException timedOutOr(SocketException e) {
                if (!timedOut) {
                    return e;
                }
                SocketTimeoutException timeout = new SocketTimeoutException("Read timed out (no reply within "
                        + timeoutMillis + " ms)");
                timeout.initCause(e);
                return timeout;
            }

            @Override
            public int available() throws IOException {
                return in.available();
            }

            @Override
            public long skip(long n) throws IOException {
                return in.skip(n);
            }

            @Override
            public void close() throws IOException {
                DeadlineSocket.this.close();
            }
        }
    }
}

package io.tradingmetrics.storage.timescale;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP relay between the store and a real PostgreSQL server that cuts the connection at the COMMIT of a write,
 * once, in one of three ways. That is the only moment at which a client cannot know a transaction's outcome, and
 * the relay hits it every time, where killing the server hits it by chance.
 */
final class CommitCuttingProxy implements AutoCloseable {

    /** What the relay does at the next COMMIT it sees. */
    enum Cut {
        /** Pass nothing on: relay every byte. */
        NONE,
        /** Pass the COMMIT to the server, then drop its answer and close both sides: the write committed. */
        AFTER_COMMIT,
        /** Drop the COMMIT and close both sides: the server rolls the transaction back. */
        BEFORE_COMMIT,
        /**
         * Drop the COMMIT and close the store's side only: the server's session stays idle in its transaction,
         * holding the write id's lock, until {@link #releaseHeld()}.
         */
        HOLD
    }

    /**
     * A COMMIT statement as pgjdbc sends it unprepared: the unnamed statement's empty name, then the query text,
     * each NUL-terminated (not "ON COMMIT DELETE ROWS" inside a CREATE TABLE).
     */
    private static final byte[] COMMIT = "\0COMMIT\0".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket listener;
    private final String serverHost;
    private final int serverPort;
    private final AtomicReference<Cut> armed = new AtomicReference<>(Cut.NONE);
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    CommitCuttingProxy(String serverHost, int serverPort) throws IOException {
        this.serverHost = serverHost;
        this.serverPort = serverPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Cuts the next COMMIT that passes, as {@code cut} says; later ones pass. */
    void arm(Cut cut) {
        armed.set(cut);
    }

    /** @return whether the armed cut has happened */
    boolean fired() {
        return armed.get() == Cut.NONE;
    }

    /** Closes the server sides kept open by {@link Cut#HOLD}: the server then rolls their transactions back. */
    void releaseHeld() throws IOException {
        for (Socket socket : held) {
            socket.close();
        }
        held.clear();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(serverHost, serverPort);
                open.add(client);
                open.add(server);
                pump("proxy-up", () -> up(client, server));
                pump("proxy-down", () -> down(server, client));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Store to server: looks for the COMMIT. */
    private void up(Socket client, Socket server) throws IOException {
        InputStream in = client.getInputStream();
        OutputStream out = server.getOutputStream();
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) > 0; ) {
            Cut cut = armed.get();
            if (cut != Cut.NONE && contains(buffer, n, COMMIT) && armed.compareAndSet(cut, Cut.NONE)) {
                switch (cut) {
                    case AFTER_COMMIT -> {
                        // The server commits before it answers: the answer's first byte ends the relay. Watched for
                        // before the COMMIT goes out, or a quick answer would pass and this relay would end with a
                        // live connection whose next statement nobody forwards (the store would hang on it).
                        waitForAnswer.set(new Object[] {client, server});
                        out.write(buffer, 0, n);
                        out.flush();
                        return;
                    }
                    case BEFORE_COMMIT -> {
                        server.close();
                        client.close();
                        return;
                    }
                    case HOLD -> {
                        held.add(server);
                        client.close();
                        return;
                    }
                    default -> throw new IllegalStateException(cut.name());
                }
            }
            out.write(buffer, 0, n);
            out.flush();
        }
        server.shutdownOutput();
    }

    private final AtomicReference<Object[]> waitForAnswer = new AtomicReference<>();

    /** Server to store: after a COMMIT passed on in {@link Cut#AFTER_COMMIT}, drops the answer and closes both. */
    private void down(Socket server, Socket client) throws IOException {
        InputStream in = server.getInputStream();
        OutputStream out = client.getOutputStream();
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) > 0; ) {
            Object[] pair = waitForAnswer.get();
            if (pair != null && pair[1] == server && waitForAnswer.compareAndSet(pair, null)) {
                server.close();
                client.close();
                return;
            }
            out.write(buffer, 0, n);
            out.flush();
        }
        client.close();
    }

    private static boolean contains(byte[] buffer, int length, byte[] text) {
        outer:
        for (int i = 0; i + text.length <= length; i++) {
            for (int j = 0; j < text.length; j++) {
                if (buffer[i + j] != text[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private interface Pump {
        void run() throws IOException;
    }

    private static void pump(String name, Pump pump) {
        Thread thread = new Thread(() -> {
            try {
                pump.run();
            } catch (IOException e) {
                // A side closed: the relay of this connection ends.
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        releaseHeld();
        for (Socket socket : open) {
            socket.close();
        }
    }
}

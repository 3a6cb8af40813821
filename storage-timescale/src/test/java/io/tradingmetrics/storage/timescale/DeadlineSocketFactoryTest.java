package io.tradingmetrics.storage.timescale;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The read timeout kept by the watchdog, against a real peer on loopback that answers late or never. */
class DeadlineSocketFactoryTest {

    @Test
    @DisplayName("a read that gets no reply within the timeout fails as a timed-out read, and the socket is closed")
    void silentPeer() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket socket = connect(server);
             Socket peer = server.accept()) {
            socket.setSoTimeout(300);
            assertThat(socket.getSoTimeout()).isEqualTo(300);
            InputStream input = socket.getInputStream();
            long began = System.nanoTime();
            assertThatThrownBy(() -> input.read(new byte[16], 0, 16)).isInstanceOf(SocketTimeoutException.class)
                    .hasMessageContaining("300 ms");
            long tookMillis = (System.nanoTime() - began) / 1_000_000;
            assertThat(tookMillis).isBetween(300L, 300L + 20 * DeadlineSocketFactory.TICK_MILLIS);
            assertThat(socket.isClosed()).isTrue();
        }
    }

    @Test
    @DisplayName("a reply within the timeout is read; without a timeout a read waits as long as the peer takes")
    void replies() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket socket = connect(server);
             Socket peer = server.accept()) {
            socket.setSoTimeout(2_000);
            peer.getOutputStream().write(7);
            assertThat(socket.getInputStream().read()).isEqualTo(7);

            socket.setSoTimeout(0);
            Thread late = new Thread(() -> {
                try {
                    Thread.sleep(4 * DeadlineSocketFactory.TICK_MILLIS);
                    peer.getOutputStream().write(8);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            late.start();
            assertThat(socket.getInputStream().read()).isEqualTo(8);
            late.join();
            assertThat(socket.isClosed()).isFalse();
        }
    }

    private static Socket connect(ServerSocket server) throws Exception {
        Socket socket = new DeadlineSocketFactory().createSocket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 2_000);
        return socket;
    }
}

package io.jakartio.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/** The embedded containers listen on 127.0.0.1 only, not on every interface. */
class LoopbackBindingTest {

    @Test
    void embeddedTyrusIsReachableOnLoopbackButNotOnTheHostsOtherAddresses() throws IOException {
        try (EmbeddedTyrus tyrus = EmbeddedTyrus.start(0)) {
            assertLoopbackOnly(tyrus.port());
        }
    }

    @Test
    void embeddedTomcatIsReachableOnLoopbackButNotOnTheHostsOtherAddresses() throws IOException {
        try (EmbeddedTomcat tomcat = EmbeddedTomcat.start(0, (context, websocket) -> { })) {
            assertLoopbackOnly(tomcat.port());
        }
    }

    private static void assertLoopbackOnly(int port) throws IOException {
        connect(InetAddress.getByName("127.0.0.1"), port).close();
        InetAddress other = nonLoopbackAddress();
        assumeTrue(other != null, "this host has no non-loopback IPv4 address to try");
        assertThrows(ConnectException.class, () -> connect(other, port).close(),
                "port " + port + " must not be reachable on " + other.getHostAddress());
    }

    private static Socket connect(InetAddress address, int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(address, port), 2000);
        return socket;
    }

    private static InetAddress nonLoopbackAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    return address;
                }
            }
        }
        return null;
    }
}

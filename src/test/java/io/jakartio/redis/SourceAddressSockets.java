package io.jakartio.redis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Sockets bound to one loopback address (127.0.0.2, 127.0.0.3...) before they connect, so that
 * the server, or a load balancer hashing the client's address, sees a client of that address.
 * OkHttp asks its factory for unconnected sockets ({@link #createSocket()}) and connects them.
 *
 * <pre>{@code
 * OkHttpClient http = new OkHttpClient.Builder().socketFactory(new SourceAddressSockets("127.0.0.2")).build();
 * options.callFactory = http;
 * options.webSocketFactory = http;
 * }</pre>
 */
final class SourceAddressSockets extends SocketFactory {

    private final InetSocketAddress local;

    /** @param source the address the sockets are bound to, on any free port */
    SourceAddressSockets(String source) {
        this.local = new InetSocketAddress(source, 0);
    }

    @Override
    public Socket createSocket() throws IOException {
        Socket socket = new Socket();
        socket.bind(local);
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return createSocket(InetAddress.getByName(host), port);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        Socket socket = createSocket();
        socket.connect(new InetSocketAddress(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
        throw new UnsupportedOperationException("bound to " + local.getAddress());
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
        throw new UnsupportedOperationException("bound to " + local.getAddress());
    }
}

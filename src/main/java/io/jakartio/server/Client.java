package io.jakartio.server;

import io.jakartio.engine.CloseReason;
import io.jakartio.engine.EngineSocket;
import io.jakartio.engine.Scheduler;
import io.jakartio.engine.SessionHandler;
import io.jakartio.engine.TransportError;
import io.jakartio.parser.EncodedPacket;
import io.jakartio.parser.PacketDecoder;
import io.jakartio.parser.PacketParseException;
import io.jakartio.parser.SocketPacket;
import io.jakartio.parser.SocketPacketType;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Engine.IO connection seen by the Socket.IO layer: decodes its packets, connects it to
 * namespaces (one {@link Socket} each) and routes packets to them. It is the session's
 * {@link SessionHandler}: the engine calls it directly with the connection's messages.
 *
 * <p>Incoming packets are handled one at a time under this object's lock; a namespace
 * connection accepted later by an asynchronous middleware completes under the same lock, so a
 * socket's listeners are in place before its first event is dispatched.
 */
final class Client implements SessionHandler {

    private static final System.Logger LOG = System.getLogger(Client.class.getName());

    private final Server server;
    private final EngineSocket conn;
    private final PacketDecoder decoder;
    /**
     * The sockets, one per namespace: {@code null} (none), a {@link Socket} (the usual one), or a
     * {@code Socket[]} (several); never changed, replaced as a whole under the state lock and
     * read without a lock. No map: a socket knows its namespace's name. Before the first socket,
     * the {@code connectTimeout} task's handle (a {@link Scheduler.Cancellable}: no socket
     * either), cancelled when a socket takes its place or the client closes: no field of its own.
     */
    private volatile Object sockets;
    /**
     * Guarded by the state lock, with changes to {@link #sockets}: the monitor of {@link #conn},
     * the session's own lock (held briefly, never while calling out, as this one), so that a
     * client needs no lock object of its own.
     */
    private boolean closed;

    Client(Server server, EngineSocket conn) {
        this.server = server;
        this.conn = conn;
        this.decoder = server.options().parser().decoder(server.options().maxAttachments());
        this.sockets = server.scheduler().schedule(server.options().connectTimeout(), () -> {
            if (!(sockets instanceof Socket) && !(sockets instanceof Socket[])) {
                LOG.log(Level.DEBUG, "no namespace joined within connectTimeout, closing {0}", conn.id());
                conn.close();
            }
        });
    }

    EngineSocket conn() {
        return conn;
    }

    @Override
    public synchronized void onMessage(String text) {
        SocketPacket packet;
        try {
            packet = decoder.decode(text);
        } catch (PacketParseException e) {
            onParseError(e);
            return;
        }
        if (packet != null) {
            onPacket(packet);
        }
    }

    @Override
    public synchronized void onBinary(byte[] data) {
        SocketPacket packet;
        try {
            packet = decoder.decode(data);
        } catch (PacketParseException e) {
            onParseError(e);
            return;
        }
        if (packet != null) {
            onPacket(packet);
        }
    }

    @Override
    public void onClose(CloseReason reason) {
        onClose(reason, null);
    }

    /** The Engine.IO session closed: every socket of this client disconnects. */
    @Override
    public void onClose(CloseReason reason, TransportError description) {
        cancelConnectTimeout();
        DisconnectReason disconnectReason = DisconnectReason.of(reason);
        List<Socket> open;
        // Not the dispatch lock: onClose may be reached synchronously from another client's
        // handler (which holds that client's dispatch lock), and two clients closing each other
        // would deadlock. A connection completing now has either seen the session closed or
        // registered its socket, which is then closed here.
        synchronized (conn) {
            closed = true;
            open = sockets();
        }
        for (Socket socket : open) {
            socket.onClose(disconnectReason, description);
        }
    }

    /** Runs a namespace connection's completion under the dispatch lock. */
    synchronized void completeConnect(Socket socket, Runnable connectionListeners) {
        boolean gone;
        boolean added = false;
        Scheduler.Cancellable connectTimeout = null;
        synchronized (conn) {
            gone = closed || !conn.isOpen();
            if (!gone && socketOf(socket.nsp().name()) == null) {
                if (sockets instanceof Scheduler.Cancellable pending) {
                    connectTimeout = pending;
                }
                List<Socket> more = sockets();
                more.add(socket);
                sockets = pack(more);
                added = true;
            }
        }
        if (!added) {
            // Gone meanwhile, or a second CONNECT for this namespace raced through an asynchronous
            // middleware: forget the socket, and the rooms its middlewares joined. Outside the
            // state lock: the adapter is called, and its broadcasts may close this client.
            socket.nsp().forget(socket, gone);
            return;
        }
        if (connectTimeout != null) {
            connectTimeout.cancel();
        }
        connectionListeners.run();
    }

    void remove(Socket socket) {
        synchronized (conn) {
            List<Socket> remaining = sockets();
            if (remaining.remove(socket)) {
                sockets = pack(remaining);
            }
        }
    }

    /** @return the socket of the namespace named {@code name}, or {@code null} */
    private Socket socketOf(String name) {
        Object current = sockets;
        if (current instanceof Socket socket) {
            return socket.nsp().name().equals(name) ? socket : null;
        }
        if (current instanceof Socket[] several) {
            for (Socket socket : several) {
                if (socket.nsp().name().equals(name)) {
                    return socket;
                }
            }
        }
        return null;
    }

    /** @return a copy of the sockets, in the order they connected */
    private List<Socket> sockets() {
        Object current = sockets;
        if (current instanceof Socket socket) {
            return new ArrayList<>(List.of(socket));
        }
        return current instanceof Socket[] several ? new ArrayList<>(List.of(several)) : new ArrayList<>();
    }

    private static Object pack(List<Socket> sockets) {
        return switch (sockets.size()) {
            case 0 -> null;
            case 1 -> sockets.get(0);
            default -> sockets.toArray(new Socket[0]);
        };
    }

    /** The client closed: cancels the connect timeout if no socket connected. */
    private void cancelConnectTimeout() {
        Scheduler.Cancellable timeout = null;
        synchronized (conn) {
            if (sockets instanceof Scheduler.Cancellable pending) {
                timeout = pending;
                sockets = null;
            }
        }
        if (timeout != null) {
            timeout.cancel();
        }
    }

    void write(SocketPacket packet) {
        write(packet, false);
    }

    void write(SocketPacket packet, boolean volatileSend) {
        write(packet, volatileSend, true);
    }

    void write(SocketPacket packet, boolean volatileSend, boolean compress) {
        write(server.encoder().encode(packet).withCompress(compress), volatileSend);
    }

    boolean write(EncodedPacket packet, boolean volatileSend) {
        return conn.send(packet.packets(), volatileSend);
    }

    /** Disconnects every socket of this client, then closes the connection. */
    void disconnectAll() {
        for (Socket socket : sockets()) {
            socket.disconnect(false);
        }
        conn.close();
    }

    /** A packet that is valid but makes no sense in this state: the client is broken. */
    void onInvalidPacket(SocketPacket packet) {
        LOG.log(Level.DEBUG, "invalid state: {0} packet for {1}, closing {2}", packet.type(), packet.namespace(), conn.id());
        closeWith(DisconnectReason.PARSE_ERROR);
    }

    /** Connects a Socket.IO 2.x client to {@code /}, as soon as its connection opens. */
    synchronized void connectImplicitly() {
        connect("/", Map.of());
    }

    private void onPacket(SocketPacket packet) {
        String name = packet.namespace();
        Object auth = packet.data();
        if (packet.type() == SocketPacketType.CONNECT && ProtocolV4.isSpokenBy(conn)) {
            auth = ProtocolV4.authOf(name); // "/admin?token=abc": the query is the auth
            name = ProtocolV4.namespaceOf(name);
        }
        Socket socket = socketOf(name);
        if (packet.type() == SocketPacketType.CONNECT) {
            if (socket != null) {
                onInvalidPacket(packet);
                return;
            }
            connect(name, auth);
        } else if (socket != null && packet.type() != SocketPacketType.CONNECT_ERROR) {
            socket.onPacket(packet);
        } else {
            onInvalidPacket(packet);
        }
    }

    @SuppressWarnings("unchecked")
    private void connect(String name, Object auth) {
        Map<String, Object> authMap = auth instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        Namespace nsp = server.namespaceFor(name, authMap);
        if (nsp == null) {
            write(SocketPacket.connectError(name, "Invalid namespace", null));
            return;
        }
        nsp.add(this, authMap);
    }

    private void onParseError(PacketParseException e) {
        LOG.log(Level.DEBUG, "invalid packet from " + conn.id() + ": " + e.getMessage());
        closeWith(DisconnectReason.PARSE_ERROR);
    }

    private void closeWith(DisconnectReason reason) {
        for (Socket socket : sockets()) {
            socket.emitError(new IllegalStateException("invalid packet from the client"));
            socket.onClose(reason);
        }
        conn.close();
    }
}

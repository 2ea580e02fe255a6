package org.attributiongraph;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A GraphQL POST from a client that will hang up: it sends the request and reads nothing. */
public final class UnreadRequest {

    private UnreadRequest() {
    }

    /** Sends the JSON body to /graphql on the loopback port; closing the socket returned is the hang-up. */
    public static Socket send(int port, byte[] json) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        try {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + json.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(json);
            out.flush();
            return socket;
        } catch (IOException failed) {
            socket.close();
            throw failed;
        }
    }
}

package io.gureum.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A bare HTTP/1.1 connection to 127.0.0.1 over a socket, for requests no HTTP client would send
 * (broken request lines, lying Content-Length, raw bytes). Connecting and reading give up after
 * {@link HangGuard#TIMEOUT}, so a hang fails the test while a slow machine does not.
 */
public final class RawHttp implements Closeable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new java.io.BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    public static RawHttp connect(int port) throws IOException {
        return connect(port, HangGuard.TIMEOUT_MILLIS);
    }

    public static RawHttp connect(int port, int readTimeoutMillis) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), HangGuard.TIMEOUT_MILLIS);
        s.setSoTimeout(readTimeoutMillis);
        s.setTcpNoDelay(true);
        return new RawHttp(s);
    }

    /** Sends text; each char is one byte (ISO-8859-1), so raw bytes can be written as char escapes. */
    public RawHttp send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawHttp send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Sends bytes and ignores a connection the server already closed (it may answer before reading all). */
    public RawHttp sendQuietly(byte[] bytes) {
        try {
            send(bytes);
        } catch (IOException ignored) {
            // the server answered early and closed; the response is still readable
        }
        return this;
    }

    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** Reads one response. */
    public Reply read() throws IOException {
        return read(false);
    }

    /** Reads one response to a HEAD request (no body whatever Content-Length says). */
    public Reply read(boolean head) throws IOException {
        String statusLine = line();
        if (statusLine == null) {
            throw new IOException("Connection closed before a response");
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("Not an HTTP status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String h = line(); h != null && !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            headers.computeIfAbsent(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(h.substring(colon + 1).trim());
        }
        byte[] body = new byte[0];
        String te = first(headers, "transfer-encoding");
        String cl = first(headers, "content-length");
        if (head || status / 100 == 1 || status == 204 || status == 304) {
            body = new byte[0];
        } else if (te != null && te.equalsIgnoreCase("chunked")) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            while (true) {
                int size = Integer.parseInt(line().split(";")[0].trim(), 16);
                if (size == 0) {
                    while (!line().isEmpty()) {
                        // trailers
                    }
                    break;
                }
                buf.write(in.readNBytes(size));
                line();
            }
            body = buf.toByteArray();
        } else if (cl != null) {
            int n = Integer.parseInt(cl);
            body = in.readNBytes(n);
            if (body.length != n) {
                throw new IOException("Body truncated: " + body.length + " of " + n);
            }
        }
        return new Reply(status, headers, body);
    }

    /**
     * Whether the server closed the connection (EOF or reset) within the read timeout. Only for
     * connections the server is expected to close: one it keeps open costs the whole timeout.
     */
    public boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private String line() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                buf.write(c);
            }
        }
        if (c < 0 && buf.size() == 0) {
            return null;
        }
        return buf.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

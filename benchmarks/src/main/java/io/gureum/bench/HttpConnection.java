package io.gureum.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal blocking HTTP/1.1 keep-alive client: writes pre-built request bytes and reads one response
 * (Content-Length or chunked). Small and allocation-light so the load generator measures the server.
 */
final class HttpConnection implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int lim;
    /** The last response's body, when {@link #keepBody} is set. */
    private byte[] body;
    boolean keepBody;

    HttpConnection(String host, int port) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 5000);
        socket.setSoTimeout(30_000);
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    /** Sends the request and returns the response status code. */
    int exchange(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        return readResponse();
    }

    String bodyText() {
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }

    private int readResponse() throws IOException {
        String statusLine = readLine();
        int sp = statusLine.indexOf(' ');
        int status = Integer.parseInt(statusLine.substring(sp + 1, sp + 4));
        long length = -1;
        boolean chunked = false;
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon);
            if (name.equalsIgnoreCase("content-length")) {
                length = Long.parseLong(line.substring(colon + 1).trim());
            } else if (name.equalsIgnoreCase("transfer-encoding")
                    && line.substring(colon + 1).trim().equalsIgnoreCase("chunked")) {
                chunked = true;
            }
        }
        java.io.ByteArrayOutputStream kept = keepBody ? new java.io.ByteArrayOutputStream() : null;
        if (chunked) {
            while (true) {
                String size = readLine();
                int semi = size.indexOf(';');
                long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                if (n == 0) {
                    while (!readLine().isEmpty()) {
                        // trailers
                    }
                    break;
                }
                skip(n, kept);
                readLine();
            }
        } else if (length > 0) {
            skip(length, kept);
        }
        body = kept == null ? null : kept.toByteArray();
        return status;
    }

    private void skip(long n, java.io.ByteArrayOutputStream kept) throws IOException {
        while (n > 0) {
            if (pos == lim) {
                fill();
            }
            int take = (int) Math.min(n, lim - pos);
            if (kept != null) {
                kept.write(buf, pos, take);
            }
            pos += take;
            n -= take;
        }
    }

    private String readLine() throws IOException {
        StringBuilder sb = null;
        while (true) {
            if (pos == lim) {
                fill();
            }
            for (int i = pos; i < lim; i++) {
                if (buf[i] == '\n') {
                    int end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                    String part = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
                    pos = i + 1;
                    if (sb == null) {
                        return part;
                    }
                    sb.append(part);
                    int l = sb.length();
                    if (l > 0 && sb.charAt(l - 1) == '\r') {
                        sb.setLength(l - 1);
                    }
                    return sb.toString();
                }
            }
            if (sb == null) {
                sb = new StringBuilder();
            }
            sb.append(new String(buf, pos, lim - pos, StandardCharsets.ISO_8859_1));
            pos = lim;
        }
    }

    private void fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n < 0) {
            throw new EOFException("connection closed by server");
        }
        pos = 0;
        lim = n;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}

package io.gureum.s3;

import io.gureum.core.error.AwsException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code multipart/form-data} body read as a stream: the fields before the {@code file} field are held
 * (at most 20 KB each), the file is handed on as a stream that ends at the next boundary, so an upload of
 * any size is never held in memory. S3 ignores fields after the file
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/RESTObjectPOST.html).
 */
final class FormParts {
    private static final int MAX_FIELD = 20 * 1024;

    /** The form fields by lower-cased name (original name → value kept in {@code original}). */
    final Map<String, String> fields = new LinkedHashMap<>();
    final Map<String, String> original = new LinkedHashMap<>();
    String fileName;
    String fileContentType;
    InputStream file;

    private final PushbackInputStream in;
    private final byte[] delimiter;

    private FormParts(InputStream body, String boundary) {
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.in = new PushbackInputStream(new java.io.BufferedInputStream(body, 64 * 1024), delimiter.length + 2);
    }

    /** Reads the fields up to the file; null {@link #file} when the form has none. */
    static FormParts read(InputStream body, String contentType) {
        String boundary = boundary(contentType);
        if (boundary == null) {
            throw malformed();
        }
        FormParts form = new FormParts(body, boundary);
        try {
            form.parse(boundary);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return form;
    }

    private void parse(String boundary) throws IOException {
        String first = line();
        if (first == null || !first.equals("--" + boundary)) {
            throw malformed();
        }
        while (true) {
            String disposition = null;
            String partType = null;
            for (String h = line(); h != null && !h.isEmpty(); h = line()) {
                String lower = h.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-disposition:")) {
                    disposition = h.substring(h.indexOf(':') + 1).trim();
                } else if (lower.startsWith("content-type:")) {
                    partType = h.substring(h.indexOf(':') + 1).trim();
                }
            }
            String name = param(disposition, "name");
            if (name == null) {
                throw malformed();
            }
            if (name.equalsIgnoreCase("file")) {
                fileName = param(disposition, "filename");
                fileContentType = partType;
                file = new Delimited();
                return;
            }
            ByteArrayOutputStream value = new ByteArrayOutputStream();
            try (InputStream v = new Delimited()) {
                byte[] buf = new byte[4096];
                for (int n; (n = v.read(buf)) > 0;) {
                    value.write(buf, 0, n);
                    if (value.size() > MAX_FIELD) {
                        throw new AwsException("MaxPostPreDataLengthExceeded",
                                "Your POST request fields preceeding the upload file was too large.", 400);
                    }
                }
            }
            String v = value.toString(StandardCharsets.UTF_8);
            fields.put(name.toLowerCase(Locale.ROOT), v);
            original.put(name, v);
            String after = line(); // "--" ends the form, "" starts the next part
            if (after == null || after.startsWith("--")) {
                return;
            }
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c; (c = in.read()) >= 0;) {
            if (c == '\r') {
                int next = in.read();
                if (next == '\n') {
                    return b.toString(StandardCharsets.UTF_8);
                }
                b.write(c);
                if (next >= 0) {
                    in.unread(next);
                }
                continue;
            }
            b.write(c);
            if (b.size() > MAX_FIELD) {
                throw malformed();
            }
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.UTF_8);
    }

    /** One part's content: the bytes up to the delimiter, which is consumed. */
    private final class Delimited extends InputStream {
        private boolean done;

        @Override
        public int read() throws IOException {
            if (done) {
                return -1;
            }
            int c = in.read();
            if (c < 0) {
                throw malformed();
            }
            if (c != delimiter[0]) {
                return c;
            }
            byte[] ahead = new byte[delimiter.length - 1];
            int got = in.readNBytes(ahead, 0, ahead.length);
            boolean match = got == ahead.length;
            for (int i = 0; match && i < ahead.length; i++) {
                match = ahead[i] == delimiter[i + 1];
            }
            if (match) {
                done = true;
                return -1;
            }
            in.unread(ahead, 0, got);
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int n = 0;
            while (n < len) {
                int c = read();
                if (c < 0) {
                    break;
                }
                b[off + n++] = (byte) c;
            }
            return n == 0 ? -1 : n;
        }
    }

    static String boundary(String contentType) {
        return contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data") ? null
                : param(contentType, "boundary");
    }

    private static String param(String header, String name) {
        if (header == null) {
            return null;
        }
        for (String p : header.split(";")) {
            String t = p.trim();
            int eq = t.indexOf('=');
            if (eq > 0 && t.substring(0, eq).trim().equalsIgnoreCase(name)) {
                String v = t.substring(eq + 1).trim();
                return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
            }
        }
        return null;
    }

    static AwsException malformed() {
        return new AwsException("MalformedPOSTRequest",
                "The body of your POST request is not well-formed multipart/form-data.", 400);
    }
}

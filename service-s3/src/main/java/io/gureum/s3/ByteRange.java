package io.gureum.s3;

/**
 * A single HTTP byte range resolved against an object's size. S3 serves one range; a header it cannot
 * parse (or several ranges) is ignored and the whole object is returned.
 * https://www.rfc-editor.org/rfc/rfc9110#name-range
 */
public record ByteRange(long first, long last) {

    public long length() {
        return last - first + 1;
    }

    public String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /** The range, null for the whole object, or InvalidRange when it cannot be satisfied. */
    public static ByteRange parse(String header, long size) {
        if (header == null) {
            return null;
        }
        String h = header.trim();
        if (!h.startsWith("bytes=") || h.indexOf(',') >= 0) {
            return null;
        }
        String spec = h.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String a = spec.substring(0, dash).trim();
            String b = spec.substring(dash + 1).trim();
            if (a.isEmpty()) {
                if (b.isEmpty()) {
                    return null;
                }
                long suffix = Long.parseLong(b);
                if (suffix <= 0 || size == 0) {
                    throw S3Errors.invalidRange(size);
                }
                return new ByteRange(Math.max(0, size - suffix), size - 1);
            }
            long first = Long.parseLong(a);
            long last = b.isEmpty() ? Long.MAX_VALUE : Long.parseLong(b);
            if (last < first) {
                return null;
            }
            if (first >= size) {
                throw S3Errors.invalidRange(size);
            }
            return new ByteRange(first, Math.min(last, size - 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

package io.gureum.s3.select;

/**
 * The input and output serialization of a Select request: CSV (header use, delimiters, quote and comment
 * characters) or JSON ({@code LINES} or {@code DOCUMENT}), and the input's compression.
 */
public record SelectFormat(boolean json, boolean jsonLines, String fileHeaderInfo, char fieldDelimiter,
        String recordDelimiter, char quote, String comments, String compression, boolean quoteAlways) {

    public static SelectFormat csv(String fileHeaderInfo, String fieldDelimiter, String recordDelimiter, String quote,
            String comments, String compression, boolean quoteAlways) {
        return new SelectFormat(false, false, fileHeaderInfo == null ? "NONE" : fileHeaderInfo.toUpperCase(),
                fieldDelimiter == null || fieldDelimiter.isEmpty() ? ',' : fieldDelimiter.charAt(0),
                recordDelimiter == null || recordDelimiter.isEmpty() ? "\n" : recordDelimiter,
                quote == null || quote.isEmpty() ? '"' : quote.charAt(0), comments, compression, quoteAlways);
    }

    public static SelectFormat json(String type, String recordDelimiter, String compression) {
        return new SelectFormat(true, !"DOCUMENT".equalsIgnoreCase(type), "NONE", ',',
                recordDelimiter == null || recordDelimiter.isEmpty() ? "\n" : recordDelimiter, '"', null, compression,
                false);
    }
}

package io.gureum.s3.select;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.error.AwsException;
import io.gureum.core.http.ProducedBody;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/**
 * Runs a {@link SelectSql} over an object's bytes as they are read, and answers S3's event stream through
 * {@link SelectEvents} while it runs (https://docs.aws.amazon.com/AmazonS3/latest/API/RESTSelectObjectAppendix.html):
 * memory holds one input record and at most one {@code Records} event, whatever the object's size.
 */
public final class SelectRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SelectRun.class);

    private SelectRun() {
    }

    /**
     * Scans {@code raw} (closed at the end) into {@code body}, finishing it; an error part-way ends the stream
     * with S3's error message.
     */
    public static void run(SelectSql sql, InputStream raw, SelectFormat in, SelectFormat out, boolean progress,
            ProducedBody body) {
        SelectEvents events = new SelectEvents(body, progress);
        Counting scanned = new Counting(raw);
        try (scanned) {
            Counting processed = new Counting(decompress(scanned, in.compression()));
            scan(sql, scanned, processed, in, out, events);
            events.end(scanned.count, processed.count);
        } catch (SelectEvents.Gone gone) {
            LOG.debug("Select reader went away");
        } catch (AwsException e) {
            sendError(events, e.code(), e.getMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            sendError(events, "JSONParsingError", "Error parsing JSON file. Please check the file and try again.");
        } catch (Exception e) {
            LOG.debug("Select failed", e);
            sendError(events, "InternalError", "We encountered an internal error. Please try again.");
        } finally {
            body.finish();
        }
    }

    private static void sendError(SelectEvents events, String code, String message) {
        try {
            events.error(code, message);
        } catch (SelectEvents.Gone gone) {
            LOG.debug("Select reader went away");
        }
    }

    private static void scan(SelectSql sql, Counting scanned, Counting processed, SelectFormat in, SelectFormat out,
            SelectEvents events) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(processed, StandardCharsets.UTF_8));
        List<String> header = null;
        long emitted = 0;
        Aggregates aggregates = sql.aggregate ? new Aggregates(sql.items) : null;
        for (Object record : records(reader, in)) {
            events.read(scanned.count, processed.count);
            SelectSql.Row row;
            if (record instanceof List<?> fields) {
                @SuppressWarnings("unchecked")
                List<String> values = (List<String>) fields;
                if (header == null && "USE".equals(in.fileHeaderInfo())) {
                    header = values;
                    continue;
                }
                if (header == null && "IGNORE".equals(in.fileHeaderInfo())) {
                    header = List.of();
                    continue;
                }
                List<String> h = header;
                row = path -> csvValue(values, h, path);
            } else {
                JsonNode node = (JsonNode) record;
                row = path -> jsonValue(node, path);
            }
            if (sql.where != null && !SelectSql.truth(sql.where.eval(row))) {
                continue;
            }
            if (aggregates != null) {
                aggregates.add(row);
                continue;
            }
            if (emitted >= sql.limit) {
                break;
            }
            emitted++;
            events.row(format(sql, row, record, header, out));
        }
        if (aggregates != null) {
            List<Object> values = aggregates.results();
            events.row(formatValues(sql.items.stream().map(SelectSql.Item::name).toList(), values, out));
        }
    }

    private static InputStream decompress(InputStream raw, String compression) throws IOException {
        if (compression == null || compression.equalsIgnoreCase("NONE")) {
            return raw;
        }
        try {
            if (compression.equalsIgnoreCase("GZIP")) {
                return new GZIPInputStream(raw, 64 * 1024);
            }
            if (compression.equalsIgnoreCase("BZIP2")) {
                // Concatenated streams too, as pbzip2 and lbzip2 write them.
                return new BZip2CompressorInputStream(raw, true);
            }
        } catch (IOException notCompressed) {
            throw new AwsException("InvalidCompressionFormat", "The file is not in a supported compression "
                    + "format. Only GZIP and BZIP2 are supported.", 400);
        }
        throw new AwsException("InvalidCompressionFormat", "The file is not in a supported compression format. "
                + "Only GZIP and BZIP2 are supported.", 400);
    }

    /** Counts the bytes read through it: BytesScanned below the decompressor, BytesProcessed above it. */
    private static final class Counting extends java.io.FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }

    /** CSV records as field lists, or JSON values (one per line for LINES, the top-level values for DOCUMENT). */
    private static Iterable<Object> records(BufferedReader reader, SelectFormat in) throws IOException {
        if (in.json()) {
            var values = JSON.readValues(JSON.getFactory().createParser(reader), JsonNode.class);
            return () -> new java.util.Iterator<>() {
                @Override
                public boolean hasNext() {
                    return values.hasNext();
                }

                @Override
                public Object next() {
                    return values.next();
                }
            };
        }
        return () -> new java.util.Iterator<>() {
            private List<String> next = read();

            private List<String> read() {
                try {
                    return CsvReader.record(reader, in);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Object next() {
                List<String> r = next;
                next = read();
                return r;
            }
        };
    }

    private static Object csvValue(List<String> values, List<String> header, List<String> path) {
        String name = path.get(0);
        if (name.startsWith("_") && name.substring(1).chars().allMatch(Character::isDigit) && name.length() > 1) {
            int i = Integer.parseInt(name.substring(1)) - 1;
            return i < values.size() ? values.get(i) : null;
        }
        if (header != null) {
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).equals(name) || header.get(i).equalsIgnoreCase(name)) {
                    return i < values.size() ? values.get(i) : null;
                }
            }
        }
        return null;
    }

    private static Object jsonValue(JsonNode node, List<String> path) {
        JsonNode n = node;
        for (String p : path) {
            n = n == null ? null : n.get(p);
        }
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isNumber()) {
            return n.decimalValue();
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        return n.isValueNode() ? n.asText() : n;
    }

    private static byte[] format(SelectSql sql, SelectSql.Row row, Object record, List<String> header,
            SelectFormat out) {
        if (sql.star) {
            if (record instanceof JsonNode node) {
                if (out.json()) {
                    return (node.toString() + out.recordDelimiter()).getBytes(StandardCharsets.UTF_8);
                }
                List<Object> values = new ArrayList<>();
                node.fields().forEachRemaining(e -> values.add(jsonValue(e.getValue(), List.of())));
                return formatValues(null, values, out);
            }
            @SuppressWarnings("unchecked")
            List<String> fields = (List<String>) record;
            List<String> names = new ArrayList<>();
            for (int i = 0; i < fields.size(); i++) {
                names.add(header != null && i < header.size() ? header.get(i) : "_" + (i + 1));
            }
            return formatValues(names, new ArrayList<>(fields), out);
        }
        List<Object> values = new ArrayList<>();
        for (SelectSql.Item item : sql.items) {
            values.add(item.expr().eval(row));
        }
        return formatValues(sql.items.stream().map(SelectSql.Item::name).toList(), values, out);
    }

    private static byte[] formatValues(List<String> names, List<Object> values, SelectFormat out) {
        StringBuilder s = new StringBuilder();
        if (out.json()) {
            ObjectNode o = JSON.createObjectNode();
            for (int i = 0; i < values.size(); i++) {
                String name = names == null ? "_" + (i + 1) : names.get(i);
                Object v = values.get(i);
                if (v == null) {
                    continue;
                } else if (v instanceof BigDecimal d) {
                    o.put(name, d);
                } else if (v instanceof Boolean b) {
                    o.put(name, b);
                } else if (v instanceof JsonNode n) {
                    o.set(name, n);
                } else {
                    o.put(name, v.toString());
                }
            }
            s.append(o).append(out.recordDelimiter());
        } else {
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    s.append(out.fieldDelimiter());
                }
                Object v = values.get(i);
                String text = v == null ? "" : v instanceof BigDecimal d ? d.toPlainString() : v.toString();
                boolean quote = out.quoteAlways() || text.indexOf(out.fieldDelimiter()) >= 0
                        || text.indexOf(out.quote()) >= 0 || text.contains("\n") || text.contains("\r");
                if (quote) {
                    String q = String.valueOf(out.quote());
                    s.append(q).append(text.replace(q, q + q)).append(q);
                } else {
                    s.append(text);
                }
            }
            s.append(out.recordDelimiter());
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** COUNT, SUM, AVG, MIN and MAX over the rows that pass WHERE. */
    private static final class Aggregates {
        private final List<SelectSql.Item> items;
        private final long[] counts;
        private final BigDecimal[] sums;
        private final Object[] extremes;

        Aggregates(List<SelectSql.Item> items) {
            this.items = items;
            this.counts = new long[items.size()];
            this.sums = new BigDecimal[items.size()];
            this.extremes = new Object[items.size()];
        }

        void add(SelectSql.Row row) {
            for (int i = 0; i < items.size(); i++) {
                SelectSql.Item item = items.get(i);
                Object v = item.expr().eval(row);
                if (v == null || item.aggregate() == null) {
                    continue;
                }
                counts[i]++;
                switch (item.aggregate()) {
                    case "SUM", "AVG" -> {
                        BigDecimal n = SelectSql.number(v);
                        if (n == null) {
                            throw new AwsException("InvalidDataType", "The SQL expression contains an invalid data "
                                    + "type.", 400);
                        }
                        sums[i] = sums[i] == null ? n : sums[i].add(n);
                    }
                    case "MIN" -> extremes[i] = extremes[i] == null || SelectSql.compare(v, extremes[i]) < 0 ? v
                            : extremes[i];
                    case "MAX" -> extremes[i] = extremes[i] == null || SelectSql.compare(v, extremes[i]) > 0 ? v
                            : extremes[i];
                    default -> {
                    }
                }
            }
        }

        List<Object> results() {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                String a = items.get(i).aggregate();
                out.add(a == null ? null : switch (a) {
                    case "COUNT" -> BigDecimal.valueOf(counts[i]);
                    case "SUM" -> sums[i];
                    case "AVG" -> sums[i] == null ? null
                            : sums[i].divide(BigDecimal.valueOf(counts[i]), java.math.MathContext.DECIMAL64);
                    default -> extremes[i];
                });
            }
            return out;
        }
    }
}

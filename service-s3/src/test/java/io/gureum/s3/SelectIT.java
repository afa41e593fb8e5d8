package io.gureum.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.CompressionType;
import software.amazon.awssdk.services.s3.model.ExpressionType;
import software.amazon.awssdk.services.s3.model.FileHeaderInfo;
import software.amazon.awssdk.services.s3.model.InputSerialization;
import software.amazon.awssdk.services.s3.model.JSONType;
import software.amazon.awssdk.services.s3.model.OutputSerialization;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.SelectObjectContentResponseHandler;
import software.amazon.awssdk.services.s3.model.StatsEvent;

/** S3 Select through the SDK's asynchronous client: SQL over CSV and JSON lines, answered as an event stream. */
class SelectIT extends S3Fixture {
    static S3AsyncClient async;

    @BeforeAll
    static void asyncClient() {
        async = S3AsyncClient.builder().forcePathStyle(true).endpointOverride(gureum.endpoint())
                .region(Region.US_EAST_1).httpClient(NettyNioAsyncHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    @AfterAll
    static void closeAsync() {
        async.close();
    }

    record Result(String records, StatsEvent stats, boolean ended) {
    }

    static Result select(String bucket, String key, String sql, InputSerialization in, OutputSerialization out)
            throws Exception {
        StringBuilder records = new StringBuilder();
        List<StatsEvent> stats = new ArrayList<>();
        boolean[] ended = new boolean[1];
        SelectObjectContentResponseHandler handler = SelectObjectContentResponseHandler.builder()
                .subscriber(SelectObjectContentResponseHandler.Visitor.builder()
                        .onRecords(r -> records.append(r.payload().asUtf8String()))
                        .onStats(stats::add).onEnd(e -> ended[0] = true).build())
                .build();
        async.selectObjectContent(b -> b.bucket(bucket).key(key).expression(sql).expressionType(ExpressionType.SQL)
                .inputSerialization(in).outputSerialization(out), handler).get(120, TimeUnit.SECONDS);
        return new Result(records.toString(), stats.isEmpty() ? null : stats.get(0), ended[0]);
    }

    static InputSerialization csvIn(FileHeaderInfo header) {
        return InputSerialization.builder().csv(c -> c.fileHeaderInfo(header)).build();
    }

    static final OutputSerialization CSV_OUT = OutputSerialization.builder().csv(c -> c.fieldDelimiter(",")).build();
    static final OutputSerialization JSON_OUT = OutputSerialization.builder().json(j -> j.recordDelimiter("\n")).build();
    static final String PEOPLE = "name,city,age\nAlice,Seoul,34\nBob,Busan,27\nCarol,Seoul,41\nDan,,19\n";

    @Test
    void csvWithHeaderNamesWhereLikeCastLimitAndAggregates() throws Exception {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("people.csv"), RequestBody.fromString(PEOPLE));
        Result r = select(bucket, "people.csv", "SELECT s.name, s.age FROM S3Object s WHERE s.city = 'Seoul' "
                + "AND CAST(s.age AS INT) > 35", csvIn(FileHeaderInfo.USE), CSV_OUT);
        assertEquals("Carol,41\n", r.records());
        assertTrue(r.ended());
        assertEquals(PEOPLE.length(), r.stats().details().bytesScanned());
        assertEquals(9L, r.stats().details().bytesReturned());

        assertEquals("Alice\nBob\n", select(bucket, "people.csv", "SELECT s._1 FROM S3Object s WHERE s._1 LIKE '%o%' "
                + "OR s._1 LIKE 'A%' LIMIT 2", csvIn(FileHeaderInfo.IGNORE), CSV_OUT).records());
        assertEquals("Dan\n", select(bucket, "people.csv", "SELECT name FROM S3Object WHERE city IS NULL OR city = ''",
                csvIn(FileHeaderInfo.USE), CSV_OUT).records());
        assertEquals("4,121,30.25,19,41\n", select(bucket, "people.csv", "SELECT COUNT(*), SUM(CAST(age AS INT)), "
                + "AVG(CAST(age AS INT)), MIN(CAST(age AS INT)), MAX(CAST(age AS INT)) FROM S3Object",
                csvIn(FileHeaderInfo.USE), CSV_OUT).records());
        assertEquals("{\"name\":\"Bob\",\"city\":\"Busan\",\"age\":\"27\"}\n", select(bucket, "people.csv",
                "SELECT * FROM S3Object s WHERE s.name = 'Bob'", csvIn(FileHeaderInfo.USE), JSON_OUT).records());
    }

    @Test
    void gzippedJsonLines() throws Exception {
        String bucket = newBucket();
        String lines = "{\"id\":1,\"user\":{\"name\":\"a\"},\"score\":9.5}\n{\"id\":2,\"user\":{\"name\":\"b\"},"
                + "\"score\":3}\n{\"id\":3,\"user\":{\"name\":\"c\"}}\n";
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(lines.getBytes(StandardCharsets.UTF_8));
        }
        s3.putObject(b -> b.bucket(bucket).key("events.json.gz"), RequestBody.fromBytes(gz.toByteArray()));
        InputSerialization in = InputSerialization.builder().compressionType(CompressionType.GZIP)
                .json(j -> j.type(JSONType.LINES)).build();
        assertEquals("{\"id\":1,\"name\":\"a\"}\n", select(bucket, "events.json.gz",
                "SELECT s.id, s.user.name FROM S3Object s WHERE s.score > 5", in, JSON_OUT).records());
        assertEquals("3\n", select(bucket, "events.json.gz", "SELECT s.id FROM S3Object s WHERE s.score IS NULL", in,
                CSV_OUT).records());
    }

    @Test
    void errorsAreS3Errors() throws Exception {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("p.csv"), RequestBody.fromString(PEOPLE));
        CompletionException missing = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                () -> async.selectObjectContent(b -> b.bucket(bucket).key("nope.csv").expression("SELECT * FROM S3Object")
                        .expressionType(ExpressionType.SQL).inputSerialization(csvIn(FileHeaderInfo.NONE))
                        .outputSerialization(CSV_OUT), SelectObjectContentResponseHandler.builder()
                        .subscriber(SelectObjectContentResponseHandler.Visitor.builder().build()).build()).join());
        assertEquals("NoSuchKey", ((S3Exception) missing.getCause()).awsErrorDetails().errorCode());
        CompletionException bad = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                () -> async.selectObjectContent(b -> b.bucket(bucket).key("p.csv").expression("SELEC * FROM S3Object")
                        .expressionType(ExpressionType.SQL).inputSerialization(csvIn(FileHeaderInfo.NONE))
                        .outputSerialization(CSV_OUT), SelectObjectContentResponseHandler.builder()
                        .subscriber(SelectObjectContentResponseHandler.Visitor.builder().build()).build()).join());
        S3Exception e = (S3Exception) bad.getCause();
        assertEquals(400, e.statusCode());
        assertEquals("ParseUnexpectedToken", e.awsErrorDetails().errorCode());
    }

    /** Every event of one Select, in order, with the records' text. */
    record Events(List<String> types, String records, StatsEvent stats) {
        long count(String type) {
            return types.stream().filter(type::equals).count();
        }
    }

    static Events events(String bucket, String key, String sql, InputSerialization in, OutputSerialization out,
            boolean progress) throws Exception {
        List<String> types = new java.util.concurrent.CopyOnWriteArrayList<>();
        StringBuilder records = new StringBuilder();
        List<StatsEvent> stats = new ArrayList<>();
        SelectObjectContentResponseHandler handler = SelectObjectContentResponseHandler.builder()
                .subscriber(SelectObjectContentResponseHandler.Visitor.builder()
                        .onRecords(r -> {
                            types.add("Records");
                            records.append(r.payload().asUtf8String());
                        })
                        .onStats(s -> {
                            types.add("Stats");
                            stats.add(s);
                        })
                        .onProgress(p -> types.add("Progress")).onCont(c -> types.add("Cont"))
                        .onEnd(e -> types.add("End")).build())
                .build();
        async.selectObjectContent(b -> b.bucket(bucket).key(key).expression(sql).expressionType(ExpressionType.SQL)
                .inputSerialization(in).outputSerialization(out).requestProgress(p -> p.enabled(progress)), handler)
                .get(300, TimeUnit.SECONDS);
        return new Events(types, records.toString(), stats.isEmpty() ? null : stats.get(0));
    }

    /** About 4 MiB of CSV: {@code id,name,score} with 100,000 rows. */
    static String largeCsv() {
        StringBuilder csv = new StringBuilder("id,name,score\n");
        for (int i = 0; i < 100_000; i++) {
            csv.append(i).append(",name-").append(i).append("-padding-padding,").append(i % 100).append('\n');
        }
        return csv.toString();
    }

    /**
     * A multi-MB object streams: its rows arrive as many Records events (each at most 64 KiB), Progress events
     * come as the input is read when RequestProgress is enabled, and Stats counts every byte.
     */
    @Test
    void largeObjectStreamsRecordsProgressAndStats() throws Exception {
        String bucket = newBucket();
        String csv = largeCsv();
        s3.putObject(b -> b.bucket(bucket).key("big.csv"), RequestBody.fromString(csv));
        Events e = events(bucket, "big.csv", "SELECT s.id, s.name FROM S3Object s", csvIn(FileHeaderInfo.USE),
                CSV_OUT, true);
        long expectedBytes = csv.lines().skip(1).mapToLong(l -> l.substring(0, l.lastIndexOf(',')).length() + 1).sum();
        assertEquals(expectedBytes, e.records().length());
        assertTrue(e.count("Records") >= expectedBytes / (64 * 1024), e.count("Records") + " Records events");
        assertTrue(e.count("Progress") >= 3, e.count("Progress") + " Progress events");
        assertEquals(0, e.count("Cont"));
        assertEquals(List.of("Stats", "End"), e.types().subList(e.types().size() - 2, e.types().size()));
        assertEquals(csv.length(), e.stats().details().bytesScanned());
        assertEquals(csv.length(), e.stats().details().bytesProcessed());
        assertEquals(expectedBytes, e.stats().details().bytesReturned());
        assertTrue(e.records().startsWith("0,name-0-padding-padding\n1,name-1-padding-padding\n"));
        assertTrue(e.records().endsWith("99999,name-99999-padding-padding\n"));
    }

    /** A scan that finds nothing for a long stretch sends Cont events to keep the connection alive. */
    @Test
    void longScansWithoutResultsSendContinuations() throws Exception {
        String bucket = newBucket();
        String csv = largeCsv();
        s3.putObject(b -> b.bucket(bucket).key("big.csv"), RequestBody.fromString(csv));
        Events e = events(bucket, "big.csv", "SELECT s.id FROM S3Object s WHERE s.name = 'nobody'",
                csvIn(FileHeaderInfo.USE), CSV_OUT, false);
        assertEquals(0, e.count("Records"));
        assertEquals(0, e.count("Progress"));
        assertTrue(e.count("Cont") >= 3, e.count("Cont") + " Cont events");
        assertEquals(0L, e.stats().details().bytesReturned());
        assertEquals(csv.length(), e.stats().details().bytesScanned());
    }

    /** GZIP and BZIP2 input: BytesScanned counts the stored (compressed) bytes, BytesProcessed the CSV. */
    @Test
    void compressedInputCountsScannedAndProcessedBytes() throws Exception {
        String bucket = newBucket();
        String csv = largeCsv();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(csv.getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream bz = new ByteArrayOutputStream();
        try (var out = new org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream(bz)) {
            out.write(csv.getBytes(StandardCharsets.UTF_8));
        }
        s3.putObject(b -> b.bucket(bucket).key("big.csv.gz"), RequestBody.fromBytes(gz.toByteArray()));
        s3.putObject(b -> b.bucket(bucket).key("big.csv.bz2"), RequestBody.fromBytes(bz.toByteArray()));
        String sql = "SELECT COUNT(*), SUM(CAST(s.score AS INT)) FROM S3Object s WHERE s.score = '42'";
        for (var c : List.of(java.util.Map.entry(CompressionType.GZIP, gz.size()),
                java.util.Map.entry(CompressionType.BZIP2, bz.size()))) {
            InputSerialization in = InputSerialization.builder().compressionType(c.getKey())
                    .csv(x -> x.fileHeaderInfo(FileHeaderInfo.USE)).build();
            Events e = events(bucket, c.getKey() == CompressionType.GZIP ? "big.csv.gz" : "big.csv.bz2", sql, in,
                    CSV_OUT, false);
            assertEquals("1000,42000\n", e.records(), c.getKey().toString());
            assertEquals((long) c.getValue(), e.stats().details().bytesScanned(), c.getKey().toString());
            assertEquals(csv.length(), e.stats().details().bytesProcessed(), c.getKey().toString());
        }
    }

    /** Input that is not what CompressionType says fails once the answer has begun: an error message ends it. */
    @Test
    void errorsOnceStreamingEndTheStream() throws Exception {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("plain.csv"), RequestBody.fromString(PEOPLE));
        InputSerialization in = InputSerialization.builder().compressionType(CompressionType.BZIP2)
                .csv(x -> x.fileHeaderInfo(FileHeaderInfo.USE)).build();
        java.util.concurrent.ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(
                java.util.concurrent.ExecutionException.class,
                () -> select(bucket, "plain.csv", "SELECT * FROM S3Object", in, CSV_OUT));
        S3Exception e = (S3Exception) failed.getCause();
        // S3 sends the error as an event-stream error message (no payload); the SDK keeps its headers.
        var headers = e.awsErrorDetails().sdkHttpResponse().headers();
        assertEquals(List.of("InvalidCompressionFormat"), headers.get(":error-code"));
        assertEquals(List.of("error"), headers.get(":message-type"));
    }

    /**
     * What S3 answers before routing (Select, website reads, form uploads) still asks the server's authorizer,
     * as s3:GetObject / s3:PutObject.
     */
    @Test
    void answersBeforeRoutingAskTheAuthorizer() throws Exception {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("secret.csv"), RequestBody.fromString(PEOPLE));
        s3.putBucketWebsite(b -> b.bucket(bucket).websiteConfiguration(w -> w.indexDocument(i -> i.suffix("index.html"))));
        List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        gureum.context().shared().replace(io.gureum.core.spi.Authorizer.class, call -> {
            if (call.request() instanceof software.amazon.awssdk.services.s3.model.GetObjectRequest g
                    && g.key().equals("secret.csv")
                    || call.request() instanceof software.amazon.awssdk.services.s3.model.PutObjectRequest p
                            && p.key().equals("denied.txt")) {
                asked.add(call.operation());
                throw new io.gureum.core.error.AwsException("AccessDenied", "Denied by the test's authorizer", 403);
            }
        });
        try {
            java.util.concurrent.ExecutionException denied = org.junit.jupiter.api.Assertions.assertThrows(
                    java.util.concurrent.ExecutionException.class, () -> select(bucket, "secret.csv",
                            "SELECT * FROM S3Object", csvIn(FileHeaderInfo.NONE), CSV_OUT));
            assertEquals(403, ((S3Exception) denied.getCause()).statusCode());
            assertEquals(403, WebsiteIT.curl(bucket, "GET", "/secret.csv").status());
            java.nio.file.Path file = java.nio.file.Files.createTempFile("up", ".txt");
            java.nio.file.Files.writeString(file, "x");
            assertEquals(403, PostUploadIT.post(bucket, file.toString(), "key=denied.txt").status());
            java.nio.file.Files.delete(file);
            assertEquals(List.of("GetObject", "GetObject", "PutObject"), asked);
        } finally {
            gureum.context().shared().replace(io.gureum.core.spi.Authorizer.class, io.gureum.core.spi.Authorizer.NONE);
        }
    }
}

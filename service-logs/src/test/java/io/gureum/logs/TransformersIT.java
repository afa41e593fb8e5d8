package io.gureum.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetTransformerResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.Processor;
import software.amazon.awssdk.services.cloudwatchlogs.model.QueryStatus;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatchlogs.model.TransformedLogRecord;

/** Log transformers: Put/Get/Delete, the processor rules, TestTransformer running processors, ingestion. */
class TransformersIT extends LogsTestSupport {

    private static Processor parseJson() {
        return Processor.builder().parseJSON(p -> {
        }).build();
    }

    private static List<String> test(List<Processor> config, String... messages) {
        return logs.testTransformer(b -> b.transformerConfig(config).logEventMessages(messages)).transformedLogs()
                .stream().map(TransformedLogRecord::transformedEventMessage).toList();
    }

    @Test
    void putGetAndDeleteByNameOrArn() {
        String group = groupWithStream("s");
        String arn = "arn:aws:logs:us-east-1:000000000000:log-group:" + group;
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> logs.getTransformer(b -> b.logGroupIdentifier(group)));
        List<Processor> config = List.of(parseJson(),
                Processor.builder().addKeys(a -> a.entries(e -> e.key("env").value("prod"))).build());
        logs.putTransformer(b -> b.logGroupIdentifier(group).transformerConfig(config));
        GetTransformerResponse got = logs.getTransformer(b -> b.logGroupIdentifier(arn));
        assertEquals(config, got.transformerConfig());
        assertEquals(arn, got.logGroupIdentifier());
        assertEquals(got.creationTime(), got.lastModifiedTime());
        logs.deleteTransformer(b -> b.logGroupIdentifier(arn));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> logs.deleteTransformer(b -> b.logGroupIdentifier(group)));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                "The specified log group does not exist.",
                () -> logs.putTransformer(b -> b.logGroupIdentifier("/no/such/group").transformerConfig(config)));
    }

    @Test
    void theProcessorRulesOfTheGuide() {
        String group = groupWithStream("s");
        Processor lower = Processor.builder().lowerCaseString(l -> l.withKeys("a")).build();
        Processor grok = Processor.builder().grok(g -> g.match("%{WORD:a}")).build();
        Processor add = Processor.builder().addKeys(a -> a.entries(e -> e.key("k").value("v"))).build();
        Processor vpc = Processor.builder().parseVPC(v -> {
        }).build();
        assertError(InvalidParameterException.class, "InvalidParameterException", 400,
                "The first processor in a transformer must be a parser.",
                () -> logs.putTransformer(b -> b.logGroupIdentifier(group).transformerConfig(lower, parseJson())));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400,
                "A transformer can include only one grok processor.",
                () -> logs.putTransformer(b -> b.logGroupIdentifier(group).transformerConfig(grok, grok)));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400,
                "A transformer can include only one addKeys processor.",
                () -> logs.putTransformer(b -> b.logGroupIdentifier(group).transformerConfig(parseJson(), add, add)));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400,
                "A transformer can include at most 5 parser-type processors.",
                () -> logs.putTransformer(b -> b.logGroupIdentifier(group).transformerConfig(parseJson(), parseJson(),
                        parseJson(), parseJson(), parseJson(), parseJson())));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400,
                "The parseVPC processor must be the first processor in a transformer.",
                () -> logs.putTransformer(b -> b.logGroupIdentifier(group).transformerConfig(parseJson(), vpc)));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400,
                "Each processor must include exactly one processor type.",
                () -> logs.testTransformer(b -> b.transformerConfig(Processor.builder().build())
                        .logEventMessages("x")));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, "Unknown grok pattern NOPE.",
                () -> logs.testTransformer(b -> b.transformerConfig(Processor.builder()
                        .grok(g -> g.match("%{NOPE:x}")).build()).logEventMessages("x")));
        // The model's limit: at most 20 processors.
        List<Processor> many = new java.util.ArrayList<>(List.of(parseJson()));
        for (int i = 0; i < 20; i++) {
            many.add(lower);
        }
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> logs.putTransformer(b -> b.logGroupIdentifier(group).transformerConfig(many)));
        String ia = unique("/test/ia");
        logs.createLogGroup(b -> b.logGroupName(ia).logGroupClass("INFREQUENT_ACCESS"));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> logs.putTransformer(b -> b.logGroupIdentifier(ia).transformerConfig(parseJson())));
    }

    @Test
    void parsersAndMutators() {
        assertEquals(List.of("{\"a\":{\"b\":1},\"env\":\"prod\"}", "not json"), test(List.of(parseJson(),
                Processor.builder().addKeys(a -> a.entries(e -> e.key("env").value("prod"))).build()),
                "{\"a\":{\"b\":1}}", "not json"));
        assertEquals(List.of("{\"key1\":\"value1\",\"key2\":\"value2\"}"),
                test(List.of(Processor.builder().parseKeyValue(p -> {
                }).build()), "key1=value1&key2=value2"));
        assertEquals(List.of("{\"column_1\":\"a\",\"column_2\":\"b,c\",\"column_3\":\"d\"}"),
                test(List.of(Processor.builder().csv(c -> {
                }).build()), "a,\"b,c\",d"));
        assertEquals(List.of("{\"ip\":\"10.0.0.1\",\"level\":\"ERROR\",\"ms\":42,\"msg\":\"disk full\"}"),
                test(List.of(Processor.builder().grok(g -> g.match(
                        "%{IP:ip} %{LOGLEVEL:level} %{NUMBER:ms:int}ms %{GREEDYDATA:msg}")).build()),
                        "10.0.0.1 ERROR 42ms disk full"));
        List<Processor> chain = List.of(parseJson(),
                Processor.builder().renameKeys(r -> r.entries(e -> e.key("lvl").renameTo("level"))).build(),
                Processor.builder().upperCaseString(u -> u.withKeys("level")).build(),
                Processor.builder().trimString(t -> t.withKeys("user")).build(),
                Processor.builder().copyValue(c -> c.entries(e -> e.source("user").target("who"))).build(),
                Processor.builder().moveKeys(m -> m.entries(e -> e.source("n").target("inner.n"))).build(),
                Processor.builder().typeConverter(t -> t.entries(e -> e.key("inner.n").type("integer"))).build(),
                Processor.builder().substituteString(s -> s.entries(e -> e.source("path").from("/+").to("_"))).build(),
                Processor.builder().splitString(s -> s.entries(e -> e.source("tags").delimiter(","))).build(),
                Processor.builder().deleteKeys(d -> d.withKeys("secret")).build(),
                Processor.builder().dateTimeConverter(d -> d.source("t").target("when")
                        .matchPatterns("dd/MM/yyyy HH:mm:ss")).build());
        assertEquals(List.of("{\"user\":\"bob\",\"path\":\"_a_b\",\"tags\":[\"x\",\"y\"],\"t\":\"02/01/2024 03:04:05\","
                + "\"level\":\"WARN\",\"who\":\"bob\",\"inner\":{\"n\":7},\"when\":\"2024-01-02T03:04:05.000Z\"}"),
                test(chain, "{\"lvl\":\"warn\",\"user\":\"  bob \",\"n\":\"7\",\"path\":\"//a/b\",\"tags\":\"x,y\","
                        + "\"secret\":\"s\",\"t\":\"02/01/2024 03:04:05\"}"));
        assertEquals(List.of("{\"m\":{\"a\":\"1\",\"b\":\"3\"}}"), test(List.of(parseJson(),
                Processor.builder().listToMap(l -> l.source("items").key("k").valueKey("v").target("m").flatten(true)
                        .flattenedElement("last")).build(),
                Processor.builder().deleteKeys(d -> d.withKeys("items")).build()),
                "{\"items\":[{\"k\":\"a\",\"v\":\"1\"},{\"k\":\"b\",\"v\":\"2\"},{\"k\":\"b\",\"v\":\"3\"}]}"));
        TransformedLogRecord r = logs.testTransformer(b -> b.transformerConfig(parseJson()).logEventMessages("{}",
                "{\"x\":1}")).transformedLogs().get(1);
        assertEquals(2L, r.eventNumber());
        assertEquals("{\"x\":1}", r.eventMessage());
    }

    @Test
    void ingestionKeepsTheOriginalAndInsightsReadsTheTransformedEvent() throws Exception {
        String group = groupWithStream("s");
        logs.putTransformer(b -> b.logGroupIdentifier(group).transformerConfig(
                Processor.builder().parseKeyValue(p -> p.fieldDelimiter(" ")).build(),
                Processor.builder().copyValue(c -> c.entries(e -> e.source("@logGroupStream").target("stream"))).build()));
        long t = now() - 1000;
        logs.putLogEvents(b -> b.logGroupName(group).logStreamName("s").logEvents(event(t, "user=alice action=login")));
        assertEquals("user=alice action=login",
                logs.getLogEvents(b -> b.logGroupName(group).logStreamName("s")).events().get(0).message());
        assertEquals("user=alice action=login",
                logs.filterLogEvents(b -> b.logGroupName(group)).events().get(0).message());
        String id = logs.startQuery(b -> b.logGroupName(group).startTime(t / 1000 - 10).endTime(now() / 1000 + 10)
                .queryString("fields user, action, stream, @message")).queryId();
        GetQueryResultsResponse r = QueriesIT.await(id);
        assertEquals(QueryStatus.COMPLETE, r.status());
        Map<String, String> row = QueriesIT.row(r.results().get(0));
        assertEquals("alice", row.get("user"));
        assertEquals("login", row.get("action"));
        assertEquals("s", row.get("stream"));
        assertTrue(row.get("@message").startsWith("{"), row.get("@message"));
    }
}

package io.gureum.dynamodb.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Build step (process-classes, after core's ServiceIndexBuilder has written the operation index) that
 * corrects two index-builder bugs affecting this module; both are reported to the core owner and this
 * class goes away once they are fixed there:
 * <ol>
 * <li>It can pick {@code queryPaginator(QueryRequest)} instead of {@code query(QueryRequest)} as an
 * operation's client method (both take the request and rank equally), so Query, Scan and BatchGetItem
 * failed with NoSuchMethodException (500). {@code xPaginator} is rewritten to {@code x}.</li>
 * <li>It looks for request classes in {@code <client package>.model}; DynamoDbStreamsClient lives in
 * {@code ...dynamodb.streams} but its model classes are in {@code ...dynamodb.model}, so the Streams
 * index had no operations and no target prefix. They are written here.</li>
 * </ol>
 */
public final class IndexFixes {
    private static final Pattern PAGINATOR = Pattern.compile("(\"clientMethod\"\\s*:\\s*\")([A-Za-z0-9]+)Paginator\"");
    private static final List<String> STREAMS_OPERATIONS = List.of("DescribeStream", "GetRecords", "GetShardIterator", "ListStreams");

    private IndexFixes() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0], "META-INF", "gureum", "index");
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                String fixed = PAGINATOR.matcher(text).replaceAll("$1$2\"");
                if (f.getFileName().toString().endsWith("DynamoDbStreamsClient.json")) {
                    fixed = streams(fixed);
                }
                if (!fixed.equals(text)) {
                    Files.writeString(f, fixed, StandardCharsets.UTF_8);
                }
            }
        }
    }

    private static String streams(String text) {
        Matcher empty = Pattern.compile("\"operations\"\\s*:\\s*\\[\\s*\\]").matcher(text);
        if (!empty.find()) {
            return text;
        }
        List<String> ops = new ArrayList<>();
        for (String op : STREAMS_OPERATIONS) {
            String method = Character.toLowerCase(op.charAt(0)) + op.substring(1);
            ops.add("{\"wireName\":\"" + op + "\",\"clientMethod\":\"" + method + "\",\"requestClass\":"
                    + "\"software.amazon.awssdk.services.dynamodb.model." + op + "Request\",\"responseClass\":"
                    + "\"software.amazon.awssdk.services.dynamodb.model." + op + "Response\",\"httpMethod\":\"POST\","
                    + "\"requestUri\":\"/\",\"operationIdentifier\":\"DynamoDBStreams_20120810." + op + "\","
                    + "\"hasExplicitPayloadMember\":false,\"hasPayloadMembers\":true,\"streamingInput\":false,"
                    + "\"streamingOutput\":false}");
        }
        String out = text.substring(0, empty.start()) + "\"operations\" : [" + String.join(",", ops) + "]"
                + text.substring(empty.end());
        return out.replaceFirst("\"targetPrefix\"\\s*:\\s*null", "\"targetPrefix\" : \"DynamoDBStreams_20120810\"");
    }
}

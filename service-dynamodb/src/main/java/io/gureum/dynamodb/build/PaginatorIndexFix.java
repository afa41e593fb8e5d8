package io.gureum.dynamodb.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Build step (process-classes, after the operation index is written): core's ServiceIndexBuilder can
 * pick {@code queryPaginator(QueryRequest)} instead of {@code query(QueryRequest)} as an operation's
 * client method, because both take the request and it ranks them equally; the invoker then fails with
 * NoSuchMethodException (500) for Query, Scan and BatchGetItem. This rewrites {@code xPaginator} to
 * {@code x} in the generated index. Remove once the index builder prefers the method returning the
 * response (reported to the core owner).
 */
public final class PaginatorIndexFix {
    private static final Pattern PAGINATOR = Pattern.compile("(\"clientMethod\"\\s*:\\s*\")([A-Za-z0-9]+)Paginator\"");

    private PaginatorIndexFix() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0], "META-INF", "gureum", "index");
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                Matcher m = PAGINATOR.matcher(text);
                String fixed = m.replaceAll("$1$2\"");
                if (!fixed.equals(text)) {
                    Files.writeString(f, fixed, StandardCharsets.UTF_8);
                }
            }
        }
    }
}

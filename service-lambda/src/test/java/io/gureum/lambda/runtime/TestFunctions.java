package io.gureum.lambda.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/** Builds deployment packages and specs for tests. */
final class TestFunctions {
    static final String ACCOUNT = "123456789012";
    static final String REGION = "ap-northeast-2";

    private TestFunctions() {
    }

    static Path code(Path root, Map<String, String> files) {
        Path dir = root.resolve("code-" + UUID.randomUUID());
        try {
            for (var file : files.entrySet()) {
                Path path = dir.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    static FunctionSpec spec(String runtime, String handler, Path code, int timeoutSeconds) {
        return spec(runtime, handler, code, timeoutSeconds, Map.of(), "rev-1");
    }

    static FunctionSpec spec(String runtime, String handler, Path code, int timeoutSeconds, Map<String, String> env,
            String revisionId) {
        String name = "fn-" + UUID.randomUUID().toString().substring(0, 8);
        return new FunctionSpec(name, "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + name, "$LATEST",
                runtime, handler, code, env, timeoutSeconds, 128, REGION, ACCOUNT, "/aws/lambda/" + name,
                "sha-" + revisionId, revisionId);
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static String requestId() {
        return UUID.randomUUID().toString();
    }
}

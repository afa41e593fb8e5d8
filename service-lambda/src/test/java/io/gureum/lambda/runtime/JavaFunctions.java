package io.gureum.lambda.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Builds Java deployment packages for tests: handler sources compiled with the JDK's compiler into a task root,
 * against stubs of aws-lambda-java-core's interfaces that go into the package as {@code lib/aws-lambda-java-core.jar}
 * (the function bundles them, as real functions do).
 */
public final class JavaFunctions {
    /** The interfaces of aws-lambda-java-core that handlers use, declared as that library declares them. */
    static final Map<String, String> CORE_STUBS = Map.of(
            "com/amazonaws/services/lambda/runtime/Context.java", """
                    package com.amazonaws.services.lambda.runtime;
                    public interface Context {
                        String getAwsRequestId();
                        String getLogGroupName();
                        String getLogStreamName();
                        String getFunctionName();
                        String getFunctionVersion();
                        String getInvokedFunctionArn();
                        CognitoIdentity getIdentity();
                        ClientContext getClientContext();
                        int getRemainingTimeInMillis();
                        int getMemoryLimitInMB();
                        LambdaLogger getLogger();
                    }
                    """,
            "com/amazonaws/services/lambda/runtime/LambdaLogger.java", """
                    package com.amazonaws.services.lambda.runtime;
                    public interface LambdaLogger {
                        void log(String message);
                        void log(byte[] message);
                    }
                    """,
            "com/amazonaws/services/lambda/runtime/CognitoIdentity.java", """
                    package com.amazonaws.services.lambda.runtime;
                    public interface CognitoIdentity {
                        String getIdentityId();
                        String getIdentityPoolId();
                    }
                    """,
            "com/amazonaws/services/lambda/runtime/ClientContext.java", """
                    package com.amazonaws.services.lambda.runtime;
                    public interface ClientContext {
                        Client getClient();
                        java.util.Map<String, String> getCustom();
                        java.util.Map<String, String> getEnvironment();
                    }
                    """,
            "com/amazonaws/services/lambda/runtime/Client.java", """
                    package com.amazonaws.services.lambda.runtime;
                    public interface Client {
                        String getInstallationId();
                        String getAppTitle();
                        String getAppVersionName();
                        String getAppVersionCode();
                        String getAppPackageName();
                    }
                    """);

    private final Path root;
    private final Path stubClasses;

    public JavaFunctions(Path root) {
        this.root = root;
        this.stubClasses = root.resolve("core-stubs");
        compile(CORE_STUBS, stubClasses, null);
    }

    /** A task root with {@code sources} compiled into it and the core stubs in {@code lib/}. */
    public Path code(Map<String, String> sources) {
        Path dir = root.resolve("java-code-" + UUID.randomUUID());
        compile(sources, dir, stubClasses);
        jar(stubClasses, dir.resolve("lib/aws-lambda-java-core.jar"));
        return dir;
    }

    private static void compile(Map<String, String> sources, Path out, Path classPath) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((path, text) -> units.add(new SimpleJavaFileObject(URI.create("string:///" + path),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
            }
        }));
        List<String> options = new ArrayList<>(List.of("-d", out.toString(), "--release", "17"));
        if (classPath != null) {
            options.addAll(List.of("-cp", classPath.toString()));
        }
        StringWriter errors = new StringWriter();
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!compiler.getTask(errors, null, null, options, null, units).call()) {
            throw new IllegalStateException("compilation failed:\n" + errors);
        }
    }

    private static void jar(Path classes, Path jar) {
        try {
            Files.createDirectories(jar.getParent());
            try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                    Stream<Path> walk = Files.walk(classes)) {
                for (Path path : walk.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                    out.write(Files.readAllBytes(path));
                    out.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.gureum.lambda.runtime.javaboot;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Main class of Gureum's Java runtime: loads the handler named by {@code _HANDLER} from the class path (the
 * task root and its {@code lib/*.jar}), then serves invocations from the Lambda Runtime API until stopped.
 */
public final class LambdaBootstrap {
    private LambdaBootstrap() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> env = System.getenv();
        // Lambda's runtime writes the function's output as UTF-8 whatever the locale.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(out);
        System.setErr(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        RuntimeApiClient api = new RuntimeApiClient(env.get("AWS_LAMBDA_RUNTIME_API"));
        ClassLoader loader = LambdaBootstrap.class.getClassLoader();
        Thread.currentThread().setContextClassLoader(loader);

        FunctionHandler handler;
        try {
            handler = FunctionHandler.load(env.getOrDefault("_HANDLER", ""), loader);
        } catch (FunctionHandler.InitFailure failure) {
            logError(failure.document);
            api.initError(failure.errorType, Json.write(failure.document));
            System.exit(1);
            return;
        }
        ContextProxies contexts = new ContextProxies(loader, out);
        while (true) {
            RuntimeApiClient.Event event = api.next();
            if (event.traceId() != null) {
                System.setProperty("com.amazonaws.xray.traceHeader", event.traceId());
            }
            FunctionHandler.Result result = handler.invoke(event.payload(), contexts.context(event, env));
            System.out.flush();
            System.err.flush();
            if (result.error() == null) {
                api.response(event.requestId(), result.body());
            } else {
                logError(result.error());
                api.error(event.requestId(), result.errorType(), Json.write(result.error()));
            }
        }
    }

    /** The error as the function's log shows it: type, message and frames, then its causes. */
    private static void logError(Map<String, Object> document) {
        StringBuilder text = new StringBuilder();
        for (Map<?, ?> doc = document; doc != null; doc = (Map<?, ?>) doc.get("cause")) {
            text.append(text.length() == 0 ? "" : "Caused by: ");
            Object message = doc.get("errorMessage");
            text.append(doc.get("errorType") == null ? "" : doc.get("errorType") + (message == null ? "" : ": "))
                    .append(message == null ? "" : message).append('\n');
            Object frames = doc.get("stackTrace");
            if (frames instanceof List) {
                for (Object frame : (List<?>) frames) {
                    text.append("\tat ").append(frame).append('\n');
                }
            }
        }
        System.out.print(text);
        System.out.flush();
    }
}

package io.gureum.lambda.runtime;

import static io.gureum.lambda.runtime.TestFunctions.requestId;
import static io.gureum.lambda.runtime.TestFunctions.spec;
import static io.gureum.lambda.runtime.TestFunctions.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Java functions in real JVMs under Gureum's Java bootstrap. */
class JavaRuntimeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path temp;
    static ProcessRunner runner;
    static JavaFunctions functions;

    @BeforeAll
    static void start() {
        runner = new ProcessRunner(() -> Optional.of(URI.create("http://127.0.0.1:4566")), temp.resolve("work"));
        functions = new JavaFunctions(temp);
    }

    @AfterAll
    static void stop() {
        runner.close();
    }

    static InvocationResult invoke(FunctionSpec spec, String payload) throws Exception {
        return invoke(spec, payload, requestId());
    }

    static InvocationResult invoke(FunctionSpec spec, String payload, String requestId) throws Exception {
        return runner.invoke(spec, payload.getBytes(StandardCharsets.UTF_8), requestId, null, null)
                .get(30, TimeUnit.SECONDS);
    }

    @Test
    void requestHandlerOfMapGetsTheEventAndTheContext() throws Exception {
        Path code = functions.code(Map.of("example/Hello.java", """
                package example;
                import com.amazonaws.services.lambda.runtime.Context;
                import java.util.*;
                public class Hello {
                    public String handleRequest(Map<String, Object> event, Context context) {
                        context.getLogger().log("hello from " + context.getFunctionName());
                        System.out.println("printed " + event.get("n").getClass().getSimpleName());
                        return String.join("|", String.valueOf(event.get("name")), context.getAwsRequestId(),
                                context.getFunctionName(), context.getFunctionVersion(), context.getInvokedFunctionArn(),
                                String.valueOf(context.getMemoryLimitInMB()), context.getLogGroupName(),
                                context.getLogStreamName(), String.valueOf(context.getRemainingTimeInMillis()),
                                String.valueOf(context.getClientContext()), context.getIdentity().getIdentityId());
                    }
                }
                """));
        FunctionSpec spec = spec("java21", "example.Hello", code, 3);
        String requestId = requestId();
        InvocationResult result = invoke(spec, "{\"name\":\"Ada\",\"n\":7}", requestId);

        assertNull(result.functionError(), () -> utf8(result.payload()) + result.logs());
        String[] parts = JSON.readTree(result.payload()).asText().split("\\|", -1);
        assertEquals("Ada", parts[0]);
        assertEquals(requestId, parts[1]);
        assertEquals(spec.functionName(), parts[2]);
        assertEquals("$LATEST", parts[3]);
        assertEquals(spec.functionArn(), parts[4]);
        assertEquals("128", parts[5]);
        assertEquals(spec.logGroupName(), parts[6]);
        assertTrue(parts[7].matches("\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST][0-9a-f]{32}"), parts[7]);
        int remaining = Integer.parseInt(parts[8]);
        assertTrue(remaining > 0 && remaining <= 3000, "remaining " + remaining);
        assertEquals("null", parts[9]);
        assertEquals("", parts[10]);
        assertTrue(result.logs().contains("\nhello from " + spec.functionName() + "\n"), result.logs());
        assertTrue(result.logs().contains("\nprinted Integer\n"), result.logs());
    }

    @Test
    void pojosAreBoundFromAndWrittenToJson() throws Exception {
        Path code = functions.code(Map.of("example/Orders.java", """
                package example;
                import com.amazonaws.services.lambda.runtime.Context;
                import java.util.*;
                public class Orders {
                    public static class Item { public String sku; public int qty; }
                    public static class Order {
                        private String id; private List<Item> items; private boolean rush;
                        public void setId(String id) { this.id = id; }
                        public void setItems(List<Item> items) { this.items = items; }
                        public void setRush(boolean rush) { this.rush = rush; }
                        public String getId() { return id; }
                        public List<Item> getItems() { return items; }
                    }
                    public static class Receipt {
                        private final String orderId; private final int units; public String note; private String missing;
                        private final boolean rush;
                        Receipt(String orderId, int units, boolean rush) { this.orderId = orderId; this.units = units; this.rush = rush; }
                        public String getOrderId() { return orderId; }
                        public int getUnits() { return units; }
                        public boolean isRush() { return rush; }
                        public String getMissing() { return missing; }
                    }
                    public Receipt place(Order order, Context context) {
                        int units = 0;
                        for (Item item : order.getItems()) { units += item.qty; }
                        Receipt receipt = new Receipt(order.getId(), units, order.rush);
                        receipt.note = order.getItems().get(0).sku;
                        return receipt;
                    }
                }
                """));
        InvocationResult result = invoke(spec("java17", "example.Orders::place", code, 3),
                "{\"id\":\"o-1\",\"Id\":\"ignored\",\"unknown\":1,\"rush\":true,"
                        + "\"items\":[{\"sku\":\"a\",\"qty\":2},{\"sku\":\"b\",\"qty\":\"3\"}]}");

        assertNull(result.functionError(), () -> utf8(result.payload()) + result.logs());
        assertEquals("{\"orderId\":\"o-1\",\"units\":5,\"rush\":true,\"note\":\"a\"}", utf8(result.payload()));
    }

    @Test
    void streamHandlerReadsAndWritesRawBytes() throws Exception {
        Path code = functions.code(Map.of("example/Shout.java", """
                package example;
                import com.amazonaws.services.lambda.runtime.Context;
                import java.io.*;
                public class Shout {
                    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
                        out.write(new String(in.readAllBytes(), "UTF-8").toUpperCase().getBytes("UTF-8"));
                        out.write(context.getAwsRequestId().length());
                    }
                }
                """));
        InvocationResult result = invoke(spec("java11", "example.Shout", code, 3), "\"quiet\"");

        assertNull(result.functionError(), () -> utf8(result.payload()) + result.logs());
        assertEquals("\"QUIET\"$", utf8(result.payload())); // '$' is 36, a UUID's length
    }

    @Test
    void staticMethodsWithScalarOrNoInputAndNullResults() throws Exception {
        Path code = functions.code(Map.of("example/Math.java", """
                package example;
                public class Math {
                    public static long twice(Integer n) { return n * 2L; }
                    public static String nothing() { return null; }
                    public static String echo(String s) { return s + "!"; }
                }
                """));
        assertEquals("42", utf8(invoke(spec("java25", "example.Math::twice", code, 3), "21").payload()));
        assertEquals("null", utf8(invoke(spec("java25", "example.Math::nothing", code, 3), "{}").payload()));
        assertEquals("\"\\\"hi\\\"\\n!\"", utf8(invoke(spec("java8.al2", "example.Math::echo", code, 3),
                "\"\\\"hi\\\"\\n\"").payload()));
    }

    @Test
    void thrownExceptionIsAnErrorDocumentWithItsCause() throws Exception {
        Path code = functions.code(Map.of("example/Boom.java", """
                package example;
                import java.util.Map;
                public class Boom {
                    public String handleRequest(Map<String, String> event) {
                        try {
                            Integer.parseInt(event.get("x"));
                            return "ok";
                        } catch (NumberFormatException e) {
                            throw new IllegalStateException("bad input " + event.get("x"), e);
                        }
                    }
                }
                """));
        InvocationResult result = invoke(spec("java21", "example.Boom", code, 3), "{\"x\":\"seven\"}");

        assertEquals("Unhandled", result.functionError());
        JsonNode doc = JSON.readTree(result.payload());
        assertEquals("bad input seven", doc.get("errorMessage").asText());
        assertEquals("java.lang.IllegalStateException", doc.get("errorType").asText());
        assertEquals("example.Boom.handleRequest(Boom.java:9)", doc.get("stackTrace").get(0).asText(), doc.toString());
        assertEquals(1, doc.get("stackTrace").size(), doc.toString());
        assertEquals("java.lang.NumberFormatException", doc.get("cause").get("errorType").asText());
        assertEquals("For input string: \"seven\"", doc.get("cause").get("errorMessage").asText());
        assertTrue(result.logs().contains("java.lang.IllegalStateException: bad input seven\n"
                + "\tat example.Boom.handleRequest(Boom.java:9)\n"
                + "Caused by: java.lang.NumberFormatException: For input string: \"seven\"\n"), result.logs());
    }

    @Test
    void inputTheParameterTypeCannotTakeIsAJsonParsingError() throws Exception {
        Path code = functions.code(Map.of("example/Num.java", """
                package example;
                public class Num {
                    public int handleRequest(Integer n) { return n; }
                }
                """));
        InvocationResult result = invoke(spec("java21", "example.Num", code, 3), "{\"n\":1}");

        assertEquals("Unhandled", result.functionError());
        JsonNode doc = JSON.readTree(result.payload());
        assertEquals("An error occurred during JSON parsing", doc.get("errorMessage").asText());
        assertEquals("java.lang.RuntimeException", doc.get("errorType").asText());
        assertTrue(doc.get("cause").get("errorMessage").asText().contains("java.lang.Integer"), doc.toString());
    }

    @Test
    void missingClassAndMissingMethodFailEachInvocationInLambdasWords() throws Exception {
        Path code = functions.code(Map.of("example/Other.java", """
                package example;
                public class Other {
                    public String handle(String a, String b) { return a; }
                }
                """));
        InvocationResult noClass = invoke(spec("java21", "example.Nope::handleRequest", code, 3), "{}");
        assertEquals("Unhandled", noClass.functionError());
        assertEquals("{\"errorMessage\":\"Class not found: example.Nope\",\"errorType\":\"java.lang.ClassNotFoundException\"}",
                utf8(noClass.payload()));

        FunctionSpec noMethod = spec("java21", "example.Other::handle", code, 3);
        for (int i = 0; i < 2; i++) {
            InvocationResult result = invoke(noMethod, "{}");
            assertEquals("Unhandled", result.functionError());
            assertEquals("{\"errorMessage\":\"No public method named handle with appropriate method signature found on "
                    + "class example.Other\"}", utf8(result.payload()));
        }
        assertEquals(1, runner.environmentPids(noMethod.functionArn()).size(), "the environment survives");
    }

    @Test
    void constructorThatThrowsFailsTheInit() throws Exception {
        Path code = functions.code(Map.of("example/Broken.java", """
                package example;
                public class Broken {
                    public Broken() { throw new IllegalArgumentException("no config"); }
                    public String handleRequest(String s) { return s; }
                }
                """));
        InvocationResult result = invoke(spec("java21", "example.Broken", code, 3), "{}");

        assertEquals("Unhandled", result.functionError());
        JsonNode doc = JSON.readTree(result.payload());
        assertEquals("java.lang.IllegalArgumentException", doc.get("errorType").asText());
        assertEquals("no config", doc.get("errorMessage").asText());
        assertTrue(result.logs().contains("Status: error\tError Type: java.lang.IllegalArgumentException"),
                result.logs());
    }

    @Test
    void staticInitializerThatThrowsFailsTheInit() throws Exception {
        Path code = functions.code(Map.of("example/Static.java", """
                package example;
                public class Static {
                    static { if (true) { throw new IllegalStateException("no table"); } }
                    public String handleRequest(String s) { return s; }
                }
                """));
        InvocationResult result = invoke(spec("java21", "example.Static", code, 3), "{}");

        assertEquals("Unhandled", result.functionError());
        JsonNode doc = JSON.readTree(result.payload());
        assertEquals("java.lang.ExceptionInInitializerError", doc.get("errorType").asText(), doc.toString());
        assertEquals("java.lang.IllegalStateException", doc.get("cause").get("errorType").asText(), doc.toString());
        assertEquals("no table", doc.get("cause").get("errorMessage").asText(), doc.toString());
    }

    @Test
    void contextOnlyMethodSeesTheClientContext() throws Exception {
        Path code = functions.code(Map.of("example/Mobile.java", """
                package example;
                import com.amazonaws.services.lambda.runtime.Context;
                public class Mobile {
                    public String who(Context context) {
                        return context.getClientContext().getClient().getAppTitle() + "/"
                                + context.getClientContext().getCustom().get("k");
                    }
                }
                """));
        String clientContext = java.util.Base64.getEncoder().encodeToString(
                "{\"custom\":{\"k\":\"v\"},\"client\":{\"app_title\":\"demo\"}}".getBytes(StandardCharsets.UTF_8));
        InvocationResult result = runner.invoke(spec("java21", "example.Mobile::who", code, 3),
                "{}".getBytes(StandardCharsets.UTF_8), requestId(), clientContext, null).get(30, TimeUnit.SECONDS);

        assertNull(result.functionError(), () -> utf8(result.payload()) + result.logs());
        assertEquals("\"demo/v\"", utf8(result.payload()));
    }

    @Test
    void warmEnvironmentKeepsTheInstanceAndRunsStaticInitOnce() throws Exception {
        Path code = functions.code(Map.of("example/Counter.java", """
                package example;
                public class Counter {
                    static int inits;
                    static { inits++; System.out.println("static init"); }
                    private int calls;
                    public String handleRequest(Object event) {
                        calls++;
                        return inits + "/" + calls + "/" + ProcessHandle.current().pid();
                    }
                }
                """));
        FunctionSpec spec = spec("java21", "example.Counter", code, 3);
        String first = JSON.readTree(invoke(spec, "{}").payload()).asText();
        String second = JSON.readTree(invoke(spec, "{}").payload()).asText();

        String pid = first.split("/")[2];
        assertEquals("1/1/" + pid, first);
        assertEquals("1/2/" + pid, second);
    }

    @Test
    void slowHandlerTimesOut() throws Exception {
        Path code = functions.code(Map.of("example/Slow.java", """
                package example;
                public class Slow {
                    public String handleRequest(Object event) throws Exception { Thread.sleep(600_000); return "late"; }
                }
                """));
        long start = System.nanoTime();
        InvocationResult result = invoke(spec("java21", "example.Slow", code, 1), "{}");

        assertEquals("Unhandled", result.functionError());
        assertEquals("Sandbox.Timedout", JSON.readTree(result.payload()).get("errorType").asText());
        // Ended by the 1 s timeout, not by the handler's ten minutes: a bound far from both, so a busy machine's
        // slow JVM start cannot fail it.
        assertTrue(System.nanoTime() - start < 300_000_000_000L);
    }

    @Test
    void functionClassPathHoldsTheBootstrapAndTheCodeOnly() throws Exception {
        Path code = functions.code(Map.of("example/Probe.java", """
                package example;
                import java.util.*;
                public class Probe {
                    public Map<String, Object> handleRequest(Object event) {
                        Map<String, Object> seen = new LinkedHashMap<>();
                        for (String name : List.of("io.gureum.lambda.runtime.ProcessRunner",
                                "com.fasterxml.jackson.databind.ObjectMapper", "io.netty.channel.Channel",
                                "com.amazonaws.services.lambda.runtime.Context")) {
                            try { Class.forName(name); seen.put(name, true); } catch (ClassNotFoundException e) { seen.put(name, false); }
                        }
                        seen.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
                        seen.put("env", System.getenv("AWS_EXECUTION_ENV"));
                        seen.put("toolOption", System.getProperty("gureum.probe"));
                        return seen;
                    }
                }
                """));
        FunctionSpec spec = spec("java17", "example.Probe", code, 3, Map.of("JAVA_TOOL_OPTIONS", "-Dgureum.probe=on"),
                "rev-1");
        InvocationResult result = invoke(spec, "{}");
        JsonNode seen = JSON.readTree(result.payload());

        assertFalse(seen.get("io.gureum.lambda.runtime.ProcessRunner").asBoolean(), seen.toString());
        assertFalse(seen.get("com.fasterxml.jackson.databind.ObjectMapper").asBoolean(), seen.toString());
        assertFalse(seen.get("io.netty.channel.Channel").asBoolean(), seen.toString());
        assertTrue(seen.get("com.amazonaws.services.lambda.runtime.Context").asBoolean(), "lib/*.jar is on the class path");
        long heap = seen.get("maxHeapMb").asLong();
        assertTrue(heap > 90 && heap <= 109, "85% of 128 MB, got " + heap);
        assertEquals("AWS_Lambda_java17", seen.get("env").asText());
        assertEquals("on", seen.get("toolOption").asText(), "JAVA_TOOL_OPTIONS reaches the JVM");
        assertTrue(result.logs().contains("Picked up JAVA_TOOL_OPTIONS: -Dgureum.probe=on"), result.logs());
    }
}

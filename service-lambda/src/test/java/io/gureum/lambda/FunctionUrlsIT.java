package io.gureum.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.CreateFunctionUrlConfigResponse;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;
import software.amazon.awssdk.services.lambda.model.InvokeMode;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** Function URLs: configuration, and real HTTP requests served by a function. */
class FunctionUrlsIT extends LambdaTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HTTP_ECHO = "import json\n\ndef handler(event, context):\n"
            + "    return {'statusCode': 201, 'headers': {'x-from': 'function', 'content-type': 'application/json'},\n"
            + "            'cookies': ['a=1', 'b=2'], 'body': json.dumps(event)}\n";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String pathForm(CreateFunctionUrlConfigResponse c, String path) {
        String id = URI.create(c.functionUrl()).getHost().split("\\.")[0];
        return gureum.endpoint().resolve("/_gureum/lambda/url/" + id + path).toString();
    }

    private static void allowPublic(String name) {
        lambda.addPermission(b -> b.functionName(name).statementId("url").action("lambda:InvokeFunctionUrl")
                .principal("*").functionUrlAuthType(FunctionUrlAuthType.NONE));
    }

    @Test
    void urlInvokesTheFunctionWithPayloadFormat2() throws Exception {
        String name = unique("fn");
        createPython(name, HTTP_ECHO);
        CreateFunctionUrlConfigResponse c = lambda.createFunctionUrlConfig(b -> b.functionName(name)
                .authType(FunctionUrlAuthType.NONE).cors(x -> x.allowOrigins("https://example.com")
                        .allowMethods("POST").maxAge(300)));
        assertEquals(201, c.sdkHttpResponse().statusCode());
        assertTrue(c.functionUrl().matches("http://[0-9a-f]{32}\\.lambda-url\\.us-east-1\\.localhost:\\d+/"),
                c.functionUrl());
        assertEquals(InvokeMode.BUFFERED, c.invokeMode());
        assertEquals("arn:aws:lambda:us-east-1:000000000000:function:" + name, c.functionArn());
        assertAwsError(ResourceConflictException.class, "ResourceConflictException", 409,
                () -> lambda.createFunctionUrlConfig(b -> b.functionName(name).authType(FunctionUrlAuthType.NONE)));

        // without the public statement AWS adds with the console, NONE answers 403
        HttpResponse<String> denied = send(HttpRequest.newBuilder(URI.create(pathForm(c, "/x")))
                .header("X-Gureum-Admin", "1").POST(HttpRequest.BodyPublishers.ofString("hi")));
        assertEquals(403, denied.statusCode());
        assertEquals("{\"Message\":\"Forbidden\"}", denied.body());

        allowPublic(name);
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(pathForm(c, "/items/7?a=1&a=2&b=x")))
                .header("Content-Type", "text/plain").header("Cookie", "s=1; t=2").header("X-Gureum-Admin", "1")
                .POST(HttpRequest.BodyPublishers.ofString("hello")));
        assertEquals(201, r.statusCode(), r.body());
        assertEquals("function", r.headers().firstValue("x-from").orElseThrow());
        assertEquals(List.of("a=1", "b=2"), r.headers().allValues("set-cookie"));
        JsonNode event = JSON.readTree(r.body());
        assertEquals("2.0", event.get("version").asText());
        assertEquals("$default", event.get("routeKey").asText());
        assertEquals("/items/7", event.get("rawPath").asText());
        assertEquals("a=1&a=2&b=x", event.get("rawQueryString").asText());
        assertEquals("1,2", event.get("queryStringParameters").get("a").asText());
        assertEquals("hello", event.get("body").asText());
        assertEquals(false, event.get("isBase64Encoded").asBoolean());
        assertEquals("[\"s=1\",\"t=2\"]", event.get("cookies").toString());
        assertEquals("text/plain", event.get("headers").get("content-type").asText());
        assertEquals("POST", event.get("requestContext").get("http").get("method").asText());
        assertEquals("anonymous", event.get("requestContext").get("accountId").asText());

        // the Host form: <url-id>.lambda-url.<region>.localhost, where browsers' CORS applies (Gureum's own
        // /_gureum/ paths refuse cross-site pages)
        String host = URI.create(c.functionUrl()).getHost();
        String raw = rawRequest("GET /hosted HTTP/1.1\r\nHost: " + host
                + "\r\nOrigin: https://example.com\r\nConnection: close\r\n\r\n");
        assertTrue(raw.startsWith("HTTP/1.1 201"), raw);
        assertTrue(raw.contains("\"rawPath\": \"/hosted\""), raw);
        assertTrue(raw.toLowerCase().contains("access-control-allow-origin: https://example.com"), raw);

        // CORS preflight is answered without invoking the function
        String preflight = rawRequest("OPTIONS / HTTP/1.1\r\nHost: " + host + "\r\nOrigin: https://example.com"
                + "\r\nAccess-Control-Request-Method: POST\r\nConnection: close\r\n\r\n").toLowerCase();
        assertTrue(preflight.startsWith("http/1.1 200"), preflight);
        assertTrue(preflight.contains("access-control-allow-methods: post"), preflight);
        assertTrue(preflight.contains("access-control-max-age: 300"), preflight);

        // AWS_IAM needs a signed request
        lambda.updateFunctionUrlConfig(b -> b.functionName(name).authType(FunctionUrlAuthType.AWS_IAM));
        assertEquals(403, send(HttpRequest.newBuilder(URI.create(pathForm(c, "/")))).statusCode());
    }

    @Test
    void aResultWithoutStatusCodeIsTheBodyOfA200() throws Exception {
        String name = unique("fn");
        createPython(name, "def handler(event, context):\n    return {'hello': 'world'}\n");
        CreateFunctionUrlConfigResponse c = lambda.createFunctionUrlConfig(
                b -> b.functionName(name).authType(FunctionUrlAuthType.NONE));
        allowPublic(name);
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(pathForm(c, "/"))));
        assertEquals(200, r.statusCode());
        assertEquals("application/json", r.headers().firstValue("content-type").orElseThrow());
        assertEquals(JSON.readTree("{\"hello\":\"world\"}"), JSON.readTree(r.body()));
    }

    @Test
    void configurationsAreReadListedUpdatedAndDeleted() {
        String name = unique("fn");
        createEcho(name);
        lambda.publishVersion(b -> b.functionName(name));
        lambda.createAlias(b -> b.functionName(name).name("live").functionVersion("1"));
        assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                () -> lambda.getFunctionUrlConfig(b -> b.functionName(name)));
        lambda.createFunctionUrlConfig(b -> b.functionName(name).authType(FunctionUrlAuthType.AWS_IAM));
        var alias = lambda.createFunctionUrlConfig(b -> b.functionName(name).qualifier("live")
                .authType(FunctionUrlAuthType.NONE).invokeMode(InvokeMode.RESPONSE_STREAM));
        assertEquals("arn:aws:lambda:us-east-1:000000000000:function:" + name + ":live", alias.functionArn());
        assertEquals(2, lambda.listFunctionUrlConfigs(b -> b.functionName(name)).functionUrlConfigs().size());
        var updated = lambda.updateFunctionUrlConfig(b -> b.functionName(name).qualifier("live")
                .cors(x -> x.allowOrigins("*")));
        assertEquals(FunctionUrlAuthType.NONE, updated.authType());
        assertEquals(List.of("*"), updated.cors().allowOrigins());
        assertEquals(alias.functionUrl(), updated.functionUrl());
        assertEquals(204, lambda.deleteFunctionUrlConfig(b -> b.functionName(name).qualifier("live"))
                .sdkHttpResponse().statusCode());
        assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                () -> lambda.deleteFunctionUrlConfig(b -> b.functionName(name).qualifier("live")));
        assertEquals(1, lambda.listFunctionUrlConfigs(b -> b.functionName(name)).functionUrlConfigs().size());
    }

    private static String rawRequest(String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", gureum.endpoint().getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toString(StandardCharsets.UTF_8);
        }
    }
}

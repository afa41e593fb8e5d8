package io.gureum.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gureum.lambda.runtime.JavaFunctions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** A Java function deployed as a zip of classes and lib/ jars, created and invoked through the SDK. */
class JavaInvokeIT extends LambdaTestSupport {

    @Test
    void aJavaRequestHandlerRunsFromItsZip(@TempDir Path temp) throws Exception {
        Path code = new JavaFunctions(temp).code(Map.of("example/Greeter.java", """
                package example;
                import com.amazonaws.services.lambda.runtime.Context;
                import java.util.Map;
                public class Greeter {
                    public String handleRequest(Map<String, Object> event, Context context) {
                        return "hello " + event.get("name") + " from " + context.getFunctionName();
                    }
                }
                """));
        String name = unique("java");
        SdkBytes zip = SdkBytes.fromByteArray(zipDirectory(code));
        lambda.createFunction(b -> b.functionName(name).runtime("java17").role(ROLE).handler("example.Greeter")
                .memorySize(256).timeout(30).code(c -> c.zipFile(zip)));
        InvokeResponse r = lambda.invoke(b -> b.functionName(name)
                .payload(SdkBytes.fromUtf8String("{\"name\":\"duke\"}")));
        assertEquals(null, r.functionError(), r.payload().asUtf8String());
        assertEquals("\"hello duke from " + name + "\"", r.payload().asUtf8String());
    }

    private static byte[] zipDirectory(Path dir) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                zip.putNextEntry(new ZipEntry(dir.relativize(file).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(file));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}

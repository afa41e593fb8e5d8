package io.gureum.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Virtual-hosted style: the bucket in the Host header ({@code bucket.s3.localhost},
 * {@code bucket.localhost}, {@code bucket.s3.<region>.localhost.localstack.cloud}). Sent over a raw
 * socket because *.localhost names need not resolve on the test machine.
 */
class AddressingIT extends S3Fixture {

    static String get(String host, String path) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", gureum.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + gureum.port()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void virtualHostStylesReachTheBucket() throws Exception {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("dir/file.txt"), RequestBody.fromString("virtual"));
        for (String host : new String[] {bucket + ".s3.localhost", bucket + ".localhost",
                bucket + ".s3.eu-west-1.localhost.localstack.cloud", bucket + ".s3.us-east-1.localhost"}) {
            String response = get(host, "/dir/file.txt");
            assertTrue(response.startsWith("HTTP/1.1 200"), host + ": " + response);
            assertTrue(response.endsWith("virtual"), host + ": " + response);
            String listing = get(host, "/?list-type=2");
            assertTrue(listing.contains("<Key>dir/file.txt</Key>"), host + ": " + listing);
        }
        String pathStyle = get("localhost", "/" + bucket + "/dir/file.txt");
        assertTrue(pathStyle.endsWith("virtual"), pathStyle);
    }

    @Test
    void rangeRequestsFromPlainHttpClients() throws Exception {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("r"), RequestBody.fromString("0123456789"));
        try (Socket socket = new Socket("127.0.0.1", gureum.port())) {
            socket.getOutputStream().write(("GET /" + bucket + "/r HTTP/1.1\r\nHost: localhost\r\nRange: bytes=3-4\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.contains("Content-Range: bytes 3-4/10") || response.contains("content-range: bytes 3-4/10"),
                    response);
            assertTrue(response.endsWith("34"), response);
            assertEquals(-1, response.indexOf("0123"));
        }
    }
}

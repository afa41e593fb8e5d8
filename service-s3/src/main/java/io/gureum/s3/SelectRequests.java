package io.gureum.s3;

import io.gureum.core.error.AwsException;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.http.ProducedBody;
import io.gureum.s3.select.SelectFormat;
import io.gureum.s3.select.SelectRun;
import io.gureum.s3.select.SelectSql;
import io.gureum.s3.store.Bucket;
import io.gureum.s3.store.StoredObject;
import java.io.ByteArrayInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * {@code SelectObjectContent} ({@code POST /<bucket>/<key>?select&select-type=2}): answered here, before
 * operation routing, because the operation exists only on the SDK's asynchronous client (its answer is an
 * event stream) and so is not in the table core builds from {@code S3Client}. The request body is the
 * {@code SelectObjectContentRequest} XML
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_SelectObjectContent.html).
 */
final class SelectRequests {
    /** Event bytes queued ahead of the connection before a scan waits for the client. */
    private static final long BUFFERED = 256 * 1024;
    /** A client that reads nothing for this long has gone; its scan stops. */
    private static final java.time.Duration STALL = java.time.Duration.ofMinutes(5);

    /** Each Select scans on a thread of its own, which waits (never an event loop) when the client reads slowly. */
    private final java.util.concurrent.ExecutorService runs = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "s3-select");
        t.setDaemon(true);
        return t;
    });
    private final S3Backend s3;
    private final BucketAccess access;
    private final PreOperationAuth auth;

    SelectRequests(S3Backend s3, BucketAccess access, PreOperationAuth auth) {
        this.s3 = s3;
        this.access = access;
        this.auth = auth;
    }

    AwsHttpResponse serve(AwsHttpRequest request) {
        if (!"POST".equals(request.method()) || !request.queryParameters().containsKey("select")) {
            return null;
        }
        S3Addressing.Target target = S3Addressing.target(request);
        if (target.bucket() == null || target.keySegments().isEmpty()) {
            return null;
        }
        String key = AwsHttpRequest.decode(String.join("/", target.keySegments()), false);
        auth.read(target.bucket(), key);
        Bucket b = access.bucket(target.bucket());
        StoredObject o = s3.objects.resolve(b, key, request.queryParameter("versionId"));
        Archive.checkReadable(o, s3.context.clock().now());
        s3.kms.checkReadable(b, o);
        Element root = parse(request.body());
        if (!"SQL".equalsIgnoreCase(text(root, "ExpressionType"))) {
            throw S3Errors.invalidArgument("ExpressionType is invalid. Only SQL expressions are supported.",
                    "ExpressionType", text(root, "ExpressionType"));
        }
        String expression = text(root, "Expression");
        if (expression == null || expression.isBlank()) {
            throw new AwsException("MissingRequiredParameter", "The SelectRequest entity is missing a required "
                    + "parameter. Check the service documentation and try again.", 400);
        }
        Element input = child(root, "InputSerialization");
        Element output = child(root, "OutputSerialization");
        if (input == null || output == null) {
            throw S3Errors.malformedXml();
        }
        SelectFormat in = format(input, text(input, "CompressionType"), false);
        SelectFormat out = format(output, null, true);
        SelectSql sql = SelectSql.parse(expression);
        Element requestProgress = child(root, "RequestProgress");
        boolean progress = requestProgress != null && "true".equalsIgnoreCase(text(requestProgress, "Enabled"));
        ProducedBody body = new ProducedBody(BUFFERED, STALL);
        java.io.InputStream bytes = s3.objects.open(o, 0, o.size);
        try {
            runs.execute(() -> SelectRun.run(sql, bytes, in, out, progress, body));
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            body.close();
            try {
                bytes.close();
            } catch (java.io.IOException ignored) {
                // the server is closing anyway
            }
            throw new AwsException("ServiceUnavailable", "Please reduce your request rate.", 503);
        }
        return new AwsHttpResponse(200).header("Content-Type", "application/octet-stream").bodyPublisher(body);
    }

    /** Stops the scans still running (the server is closing or resetting). */
    void close() {
        runs.shutdownNow();
    }

    private static SelectFormat format(Element e, String compression, boolean output) {
        Element csv = child(e, "CSV");
        Element json = child(e, "JSON");
        if (json != null) {
            return SelectFormat.json(text(json, "Type"), text(json, "RecordDelimiter"), compression);
        }
        if (csv == null && !output && child(e, "Parquet") != null) {
            throw new AwsException("NotImplemented", "Gureum's S3 Select reads CSV and JSON, not Parquet.", 501);
        }
        Element c = csv == null ? e : csv;
        return SelectFormat.csv(text(c, "FileHeaderInfo"), text(c, "FieldDelimiter"), text(c, "RecordDelimiter"),
                text(c, "QuoteCharacter"), text(c, "Comments"), compression, "ALWAYS".equals(text(c, "QuoteFields")));
    }

    private static Element parse(byte[] body) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(body));
            return d.getDocumentElement();
        } catch (Exception e) {
            throw S3Errors.malformedXml();
        }
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element el && name.equals(el.getLocalName())) {
                return el;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element c = child(parent, name);
        return c == null ? null : c.getTextContent();
    }
}

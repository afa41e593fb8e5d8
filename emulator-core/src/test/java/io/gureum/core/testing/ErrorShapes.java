package io.gureum.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Asserts that a response is an AWS error in the exact shape of a wire protocol (PROTOCOLS.md §2) and
 * carries the request-id headers AWS sends, with the body's request id equal to the header's.
 */
public final class ErrorShapes {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The wire protocols, by the shape of their errors. */
    public enum Protocol { JSON, REST_JSON, QUERY, EC2, S3 }

    private ErrorShapes() {
    }

    /** The request-id headers every response carries; returns the request id. */
    public static String assertRequestIds(Reply r) {
        String id = r.header("x-amzn-RequestId");
        assertNotNull(id, () -> "no x-amzn-RequestId: " + r);
        assertFalse(id.isBlank(), () -> "blank x-amzn-RequestId: " + r);
        assertEquals(id, r.header("x-amz-request-id"), () -> "x-amz-request-id differs: " + r);
        assertNotNull(r.header("x-amz-id-2"), () -> "no x-amz-id-2: " + r);
        return id;
    }

    /** Asserts a 4xx/5xx error in the protocol's shape; returns its code. */
    public static String assertError(Protocol protocol, Reply r) {
        return assertError(protocol, r, false);
    }

    public static String assertError(Protocol protocol, Reply r, boolean head) {
        assertTrue(r.status() >= 400 && r.status() < 600, () -> "not an error: " + r);
        String requestId = assertRequestIds(r);
        if (head) {
            assertEquals(0, r.body().length, () -> "HEAD error with a body: " + r);
            return null;
        }
        String ct = r.header("Content-Type");
        assertNotNull(ct, () -> "no Content-Type: " + r);
        try {
            return switch (protocol) {
                case JSON -> {
                    assertTrue(ct.startsWith("application/x-amz-json-1."), () -> "content type " + ct + ": " + r);
                    String code = r.header("x-amzn-ErrorType");
                    assertNotNull(code, () -> "no x-amzn-ErrorType: " + r);
                    JsonNode body = JSON.readTree(r.body());
                    assertTrue(body.isObject() && body.path("__type").isTextual(), () -> "no __type: " + r);
                    String type = body.get("__type").asText();
                    assertEquals(code, type.substring(type.indexOf('#') + 1), () -> "__type vs header: " + r);
                    if (!code.equals("UnknownOperationException")) {
                        assertTrue(body.path("message").isTextual(), () -> "no message: " + r);
                    }
                    yield code;
                }
                case REST_JSON -> {
                    assertTrue(ct.startsWith("application/json"), () -> "content type " + ct + ": " + r);
                    String code = r.header("x-amzn-ErrorType");
                    assertNotNull(code, () -> "no x-amzn-ErrorType: " + r);
                    JsonNode body = JSON.readTree(r.body());
                    assertTrue(body.isObject() && body.path("message").isTextual(), () -> "no message: " + r);
                    yield code;
                }
                case QUERY -> {
                    assertTrue(ct.startsWith("text/xml"), () -> "content type " + ct + ": " + r);
                    Element root = xml(r);
                    assertEquals("ErrorResponse", root.getLocalName(), () -> "root: " + r);
                    Element error = child(root, "Error", r);
                    String type = text(child(error, "Type", r));
                    assertTrue(type.equals("Sender") || type.equals("Receiver"), () -> "Type: " + r);
                    child(error, "Message", r);
                    assertEquals(requestId, text(child(root, "RequestId", r)), () -> "RequestId: " + r);
                    yield nonEmpty(text(child(error, "Code", r)), r);
                }
                case EC2 -> {
                    assertTrue(ct.startsWith("text/xml"), () -> "content type " + ct + ": " + r);
                    Element root = xml(r);
                    assertEquals("Response", root.getLocalName(), () -> "root: " + r);
                    Element error = child(child(root, "Errors", r), "Error", r);
                    child(error, "Message", r);
                    assertEquals(requestId, text(child(root, "RequestID", r)), () -> "RequestID: " + r);
                    yield nonEmpty(text(child(error, "Code", r)), r);
                }
                case S3 -> {
                    assertTrue(ct.startsWith("application/xml"), () -> "content type " + ct + ": " + r);
                    Element root = xml(r);
                    assertEquals("Error", root.getLocalName(), () -> "root: " + r);
                    child(root, "Message", r);
                    assertEquals(requestId, text(child(root, "RequestId", r)), () -> "RequestId: " + r);
                    yield nonEmpty(text(child(root, "Code", r)), r);
                }
            };
        } catch (java.io.IOException | org.xml.sax.SAXException | javax.xml.parsers.ParserConfigurationException e) {
            return fail("unparseable error body: " + r, e);
        }
    }

    /** Asserts the error and its code. */
    public static void assertError(Protocol protocol, Reply r, int status, String code) {
        assertEquals(status, r.status(), () -> "status: " + r);
        assertEquals(code, assertError(protocol, r), () -> "code: " + r);
    }

    /** The text of the error's message element or field. */
    public static String message(Protocol protocol, Reply r) throws Exception {
        return switch (protocol) {
            case JSON, REST_JSON -> JSON.readTree(r.body()).path("message").asText();
            case QUERY -> text(child(child(xml(r), "Error", r), "Message", r));
            case EC2 -> text(child(child(child(xml(r), "Errors", r), "Error", r), "Message", r));
            case S3 -> text(child(xml(r), "Message", r));
        };
    }

    private static String nonEmpty(String s, Reply r) {
        assertFalse(s.isEmpty(), () -> "empty code: " + r);
        return s;
    }

    private static Element xml(Reply r) throws java.io.IOException, org.xml.sax.SAXException,
            javax.xml.parsers.ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        DocumentBuilder b = f.newDocumentBuilder();
        b.setErrorHandler(null);
        return b.parse(new ByteArrayInputStream(r.body())).getDocumentElement();
    }

    private static Element child(Element parent, String name, Reply r) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                return e;
            }
        }
        return fail("no <" + name + "> in <" + parent.getLocalName() + ">: " + r);
    }

    private static String text(Element e) {
        return e.getTextContent().trim();
    }
}

package io.gureum.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.spi.ServiceContext;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Gureum's built-in SAML 2.0 identity provider, so tests can make signed assertions for
 * {@code AssumeRoleWithSAML}. Its key and certificate ship with Gureum and are public: never trust them
 * outside tests. Endpoints:
 * <ul>
 *   <li>{@code GET /_gureum/sts/saml/metadata}: the IdP metadata (entity ID {@value #ENTITY_ID}) to pass to IAM's
 *   {@code CreateSAMLProvider}.</li>
 *   <li>{@code POST /_gureum/sts/saml/response} with a JSON object answers {@code {"SAMLResponse": "<base64>"}}, a
 *   response whose assertion is signed (RSA-SHA256, exclusive C14N). Members: {@code roles} (the
 *   {@code role-arn,provider-arn} values of the Role attribute, required), {@code roleSessionName},
 *   {@code subject} (default {@code gureum-test-user}), {@code sessionDuration}, {@code sourceIdentity},
 *   {@code tags} (an object: PrincipalTag attributes), {@code issuer}, {@code audience} (default
 *   {@code https://signin.aws.amazon.com/saml}), {@code notOnOrAfter} (epoch seconds; default now + 5 minutes on
 *   the core clock).</li>
 * </ul>
 */
final class SamlTestIdp {
    static final String ENTITY_ID = "https://saml.gureum.test/idp";
    static final String AWS_AUDIENCE = "https://signin.aws.amazon.com/saml";
    static final String ATTRIBUTES = "https://aws.amazon.com/SAML/Attributes/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String XMLNS = "http://www.w3.org/2000/xmlns/";

    private final ServiceContext context;
    private PrivateKey key;
    private X509Certificate certificate;

    SamlTestIdp(ServiceContext context) {
        this.context = context;
    }

    private synchronized void load() {
        if (key != null) {
            return;
        }
        try (InputStream in = SamlTestIdp.class.getResourceAsStream("saml-test-idp.p12")) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, "gureum-test".toCharArray());
            key = (PrivateKey) store.getKey("gureum-saml", "gureum-test".toCharArray());
            certificate = (X509Certificate) store.getCertificate("gureum-saml");
        } catch (java.io.IOException | GeneralSecurityException e) {
            throw new IllegalStateException("The test IdP's key store is missing", e);
        }
    }

    String metadata() {
        load();
        try {
            String cert = Base64.getEncoder().encodeToString(certificate.getEncoded());
            return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<md:EntityDescriptor xmlns:md=\"" + SamlXml.MD + "\" entityID=\"" + ENTITY_ID + "\">"
                    + "<md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
                    + "<md:KeyDescriptor use=\"signing\"><ds:KeyInfo xmlns:ds=\"" + SamlXml.DSIG + "\"><ds:X509Data>"
                    + "<ds:X509Certificate>" + cert + "</ds:X509Certificate></ds:X509Data></ds:KeyInfo>"
                    + "</md:KeyDescriptor>"
                    + "<md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:transient</md:NameIDFormat>"
                    + "<md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" "
                    + "Location=\"https://saml.gureum.test/sso\"/></md:IDPSSODescriptor></md:EntityDescriptor>";
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A signed SAML response for the request's members. */
    String response(JsonNode in) {
        load();
        Instant now = context.clock().now().truncatedTo(ChronoUnit.SECONDS);
        Instant until = in.has("notOnOrAfter") ? Instant.ofEpochSecond(in.get("notOnOrAfter").asLong())
                : now.plusSeconds(300);
        String issuer = in.path("issuer").asText(ENTITY_ID);
        String audience = in.path("audience").asText(AWS_AUDIENCE);
        Document doc = SamlXml.newDocument();
        Element response = doc.createElementNS(SamlXml.PROTOCOL, "samlp:Response");
        doc.appendChild(response);
        // Declared explicitly: canonicalization at signing time sees only declared namespaces.
        response.setAttributeNS(XMLNS, "xmlns:samlp", SamlXml.PROTOCOL);
        response.setAttributeNS(XMLNS, "xmlns:saml", SamlXml.ASSERTION);
        response.setAttribute("ID", "_" + context.ids().hex(32));
        response.setAttribute("Version", "2.0");
        response.setAttribute("IssueInstant", now.toString());
        response.setAttribute("Destination", audience);
        append(doc, response, SamlXml.ASSERTION, "saml:Issuer", issuer);
        Element status = (Element) response.appendChild(doc.createElementNS(SamlXml.PROTOCOL, "samlp:Status"));
        ((Element) status.appendChild(doc.createElementNS(SamlXml.PROTOCOL, "samlp:StatusCode")))
                .setAttribute("Value", "urn:oasis:names:tc:SAML:2.0:status:Success");
        Element assertion = (Element) response.appendChild(doc.createElementNS(SamlXml.ASSERTION, "saml:Assertion"));
        assertion.setAttributeNS(XMLNS, "xmlns:saml", SamlXml.ASSERTION);
        String assertionId = "_" + context.ids().hex(32);
        assertion.setAttribute("ID", assertionId);
        assertion.setIdAttribute("ID", true);
        assertion.setAttribute("Version", "2.0");
        assertion.setAttribute("IssueInstant", now.toString());
        Element assertionIssuer = append(doc, assertion, SamlXml.ASSERTION, "saml:Issuer", issuer);
        Element subject = append(doc, assertion, SamlXml.ASSERTION, "saml:Subject", null);
        append(doc, subject, SamlXml.ASSERTION, "saml:NameID", in.path("subject").asText("gureum-test-user"))
                .setAttribute("Format", "urn:oasis:names:tc:SAML:2.0:nameid-format:transient");
        Element confirmation = append(doc, subject, SamlXml.ASSERTION, "saml:SubjectConfirmation", null);
        confirmation.setAttribute("Method", "urn:oasis:names:tc:SAML:2.0:cm:bearer");
        Element data = append(doc, confirmation, SamlXml.ASSERTION, "saml:SubjectConfirmationData", null);
        data.setAttribute("NotOnOrAfter", until.toString());
        data.setAttribute("Recipient", audience);
        Element conditions = append(doc, assertion, SamlXml.ASSERTION, "saml:Conditions", null);
        conditions.setAttribute("NotBefore", now.minusSeconds(60).toString());
        conditions.setAttribute("NotOnOrAfter", until.toString());
        Element restriction = append(doc, conditions, SamlXml.ASSERTION, "saml:AudienceRestriction", null);
        append(doc, restriction, SamlXml.ASSERTION, "saml:Audience", audience);
        Element attributes = append(doc, assertion, SamlXml.ASSERTION, "saml:AttributeStatement", null);
        Element roles = attribute(doc, attributes, ATTRIBUTES + "Role");
        in.path("roles").forEach(r -> append(doc, roles, SamlXml.ASSERTION, "saml:AttributeValue", r.asText()));
        if (in.has("roleSessionName")) {
            append(doc, attribute(doc, attributes, ATTRIBUTES + "RoleSessionName"), SamlXml.ASSERTION,
                    "saml:AttributeValue", in.get("roleSessionName").asText());
        }
        if (in.has("sessionDuration")) {
            append(doc, attribute(doc, attributes, ATTRIBUTES + "SessionDuration"), SamlXml.ASSERTION,
                    "saml:AttributeValue", in.get("sessionDuration").asText());
        }
        if (in.has("sourceIdentity")) {
            append(doc, attribute(doc, attributes, ATTRIBUTES + "SourceIdentity"), SamlXml.ASSERTION,
                    "saml:AttributeValue", in.get("sourceIdentity").asText());
        }
        in.path("tags").fields().forEachRemaining(e -> append(doc, attribute(doc, attributes,
                ATTRIBUTES + "PrincipalTag:" + e.getKey()), SamlXml.ASSERTION, "saml:AttributeValue",
                e.getValue().asText()));
        sign(assertion, assertionId, assertionIssuer.getNextSibling());
        return Base64.getEncoder().encodeToString(SamlXml.write(doc).getBytes(StandardCharsets.UTF_8));
    }

    private void sign(Element element, String id, org.w3c.dom.Node before) {
        try {
            XMLSignatureFactory f = XMLSignatureFactory.getInstance("DOM");
            Reference ref = f.newReference("#" + id, f.newDigestMethod(DigestMethod.SHA256, null),
                    List.of(f.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                            f.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null)),
                    null, null);
            SignedInfo info = f.newSignedInfo(f.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE,
                    (C14NMethodParameterSpec) null), f.newSignatureMethod(
                            "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", null), List.of(ref));
            KeyInfoFactory kif = f.getKeyInfoFactory();
            DOMSignContext ctx = new DOMSignContext(key, element, before);
            ctx.setDefaultNamespacePrefix("ds");
            f.newXMLSignature(info, kif.newKeyInfo(List.of(kif.newX509Data(List.of(certificate))))).sign(ctx);
        } catch (GeneralSecurityException | javax.xml.crypto.MarshalException
                | javax.xml.crypto.dsig.XMLSignatureException e) {
            throw new IllegalStateException("Signing the assertion failed", e);
        }
    }

    private static Element attribute(Document doc, Element statement, String name) {
        Element a = append(doc, statement, SamlXml.ASSERTION, "saml:Attribute", null);
        a.setAttribute("Name", name);
        return a;
    }

    private static Element append(Document doc, Element parent, String ns, String name, String text) {
        Element e = doc.createElementNS(ns, name);
        if (text != null) {
            e.setTextContent(text);
        }
        parent.appendChild(e);
        return e;
    }

    /** Answers the endpoints under {@code /_gureum/sts/saml/}, or null for other paths. */
    AwsHttpResponse handle(AwsHttpRequest request) {
        String path = request.rawPath();
        if (path.equals("/_gureum/sts/saml/metadata")) {
            return new AwsHttpResponse(200).body(metadata(), "application/samlmetadata+xml");
        }
        if (path.equals("/_gureum/sts/saml/response")) {
            if (!request.method().equals("POST")) {
                return error(405, "MethodNotAllowed", "Use POST");
            }
            JsonNode in;
            try {
                String body = request.bodyAsString();
                in = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
            } catch (java.io.IOException e) {
                in = null;
            }
            if (in == null || !in.isObject() || !in.path("roles").isArray()) {
                return error(400, "InvalidRequest", "The body must be a JSON object with a roles array");
            }
            return new AwsHttpResponse(200).body(JSON.createObjectNode().put("SAMLResponse", response(in)).toString(),
                    "application/json");
        }
        return null;
    }

    private static AwsHttpResponse error(int status, String code, String message) {
        return new AwsHttpResponse(status).body(JSON.createObjectNode().put("error", code).put("message", message)
                .toString(), "application/json");
    }
}

package io.gureum.iam;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A SAML response's one assertion, read only after its signature (on the assertion or on the enclosing
 * response) verified with one of the IdP's certificates, and only from the element the signature covers (no
 * signature wrapping).
 */
record SamlAssertion(String issuer, String subject, String subjectType, String recipient, List<String> audiences,
        Instant notOnOrAfter, Map<String, List<String>> attributes) {

    /** Why an assertion was refused, in the words {@code InvalidIdentityToken} carries. */
    static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    static Document parse(String base64) {
        try {
            byte[] xml = java.util.Base64.getMimeDecoder().decode(base64);
            Document doc = SamlXml.parse(new String(xml, java.nio.charset.StandardCharsets.UTF_8));
            if (doc == null) {
                throw new Invalid("Invalid SAML response: not well-formed XML");
            }
            return doc;
        } catch (IllegalArgumentException e) {
            throw new Invalid("Invalid SAML response: not base64");
        }
    }

    /** The signed assertion of a response, verified with the certificates. */
    static SamlAssertion verified(Document doc, List<X509Certificate> certificates) {
        Element response = doc.getDocumentElement();
        if (!SamlXml.PROTOCOL.equals(response.getNamespaceURI()) || !"Response".equals(response.getLocalName())) {
            throw new Invalid("Invalid SAML response: the root element is not a samlp:Response");
        }
        List<Element> assertions = SamlXml.children(response, SamlXml.ASSERTION, "Assertion");
        if (assertions.size() != 1) {
            throw new Invalid("Invalid SAML response: it must carry exactly one assertion");
        }
        Element assertion = assertions.get(0);
        markId(response);
        markId(assertion);
        boolean signed = false;
        for (Element signature : SamlXml.children(response, SamlXml.DSIG, "Signature")) {
            Element signedElement = (Element) signature.getParentNode();
            if (signedElement != response && signedElement != assertion) {
                continue;
            }
            if (verifies(signature, signedElement, certificates)) {
                signed = true;
            } else {
                throw new Invalid("Invalid SAML response: the signature does not verify with the provider's "
                        + "certificates");
            }
        }
        if (!signed) {
            throw new Invalid("Invalid SAML response: neither the response nor the assertion is signed");
        }
        return read(assertion);
    }

    private static void markId(Element e) {
        if (e.hasAttribute("ID")) {
            e.setIdAttribute("ID", true);
        }
    }

    /** The signature verifies and its one reference is the element that holds it. */
    private static boolean verifies(Element signature, Element signed, List<X509Certificate> certificates) {
        for (X509Certificate cert : certificates) {
            try {
                DOMValidateContext ctx = new DOMValidateContext(cert.getPublicKey(), signature);
                ctx.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
                XMLSignature xml = XMLSignatureFactory.getInstance("DOM").unmarshalXMLSignature(ctx);
                List<?> refs = xml.getSignedInfo().getReferences();
                if (refs.size() != 1 || !("#" + signed.getAttribute("ID")).equals(((Reference) refs.get(0)).getURI())) {
                    return false;
                }
                if (xml.validate(ctx)) {
                    return true;
                }
            } catch (javax.xml.crypto.MarshalException | javax.xml.crypto.dsig.XMLSignatureException
                    | ClassCastException e) {
                return false;
            }
        }
        return false;
    }

    private static SamlAssertion read(Element assertion) {
        Element issuer = SamlXml.first(assertion, SamlXml.ASSERTION, "Issuer");
        Element nameId = SamlXml.first(assertion, SamlXml.ASSERTION, "NameID");
        Element data = SamlXml.first(assertion, SamlXml.ASSERTION, "SubjectConfirmationData");
        Element conditions = SamlXml.first(assertion, SamlXml.ASSERTION, "Conditions");
        List<String> audiences = new ArrayList<>();
        SamlXml.children(assertion, SamlXml.ASSERTION, "Audience").forEach(a -> audiences.add(a.getTextContent().trim()));
        Instant until = null;
        for (Element e : new Element[] {data, conditions}) {
            if (e != null && e.hasAttribute("NotOnOrAfter")) {
                Instant t = Instant.parse(e.getAttribute("NotOnOrAfter"));
                until = until == null || t.isBefore(until) ? t : until;
            }
        }
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        for (Element a : SamlXml.children(assertion, SamlXml.ASSERTION, "Attribute")) {
            List<String> values = attributes.computeIfAbsent(a.getAttribute("Name"), k -> new ArrayList<>());
            SamlXml.children(a, SamlXml.ASSERTION, "AttributeValue").forEach(v -> values.add(v.getTextContent().trim()));
        }
        String format = nameId == null ? "" : nameId.getAttribute("Format");
        String type = format.endsWith(":transient") ? "transient" : format.endsWith(":persistent") ? "persistent"
                : format;
        return new SamlAssertion(issuer == null ? null : issuer.getTextContent().trim(),
                nameId == null ? null : nameId.getTextContent().trim(), type,
                data == null ? null : data.getAttribute("Recipient"), audiences, until, attributes);
    }

    String attribute(String name) {
        List<String> v = attributes.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}

package io.gureum.iam;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * What IAM reads from a SAML provider's metadata document: the IdP's entity ID (the assertions' Issuer), its
 * signing certificates and {@code validUntil}
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_saml.html).
 */
record SamlMetadata(String entityId, List<X509Certificate> signingCertificates, Instant validUntil) {

    /** The metadata, or null when it is no SAML metadata with an IdP signing certificate. */
    static SamlMetadata parse(String xml) {
        Document doc = SamlXml.parse(xml);
        if (doc == null) {
            return null;
        }
        Element root = doc.getDocumentElement();
        if (!SamlXml.MD.equals(root.getNamespaceURI()) || !"EntityDescriptor".equals(root.getLocalName())) {
            return null;
        }
        Element idp = SamlXml.first(root, SamlXml.MD, "IDPSSODescriptor");
        if (idp == null) {
            return null;
        }
        List<X509Certificate> certs = new ArrayList<>();
        for (Element key : SamlXml.children(idp, SamlXml.MD, "KeyDescriptor")) {
            String use = key.getAttribute("use");
            if (use.isEmpty() || use.equals("signing")) {
                for (Element c : SamlXml.children(key, SamlXml.DSIG, "X509Certificate")) {
                    X509Certificate cert = SamlXml.certificate(c.getTextContent());
                    if (cert != null) {
                        certs.add(cert);
                    }
                }
            }
        }
        if (certs.isEmpty()) {
            return null;
        }
        Instant validUntil = null;
        String v = root.getAttribute("validUntil");
        if (!v.isEmpty()) {
            try {
                validUntil = Instant.parse(v);
            } catch (java.time.format.DateTimeParseException e) {
                return null;
            }
        }
        return new SamlMetadata(root.getAttribute("entityID"), certs, validUntil);
    }
}

package io.gureum.acm;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.acm.model.ImportCertificateRequest;
import software.amazon.awssdk.services.acm.model.ImportCertificateResponse;

/**
 * ImportCertificate: a new certificate, or a reimport into an imported one's ARN under the rules of
 * https://docs.aws.amazon.com/acm/latest/userguide/import-reimport.html (domains may change but not all
 * go; key usages and extended key usages may be added to but not removed, nor added when the first
 * certificate had none; the key type and size stay; no tags).
 */
final class Imports {
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    private final AcmStores stores;

    Imports(AcmStores stores) {
        this.stores = stores;
    }

    public ImportCertificateResponse importCertificate(ImportCertificateRequest r) {
        AcmErrors.required(r.certificate(), "certificate");
        AcmErrors.required(r.privateKey(), "privateKey");
        if (r.privateKey().asByteArray().length > 5120) {
            throw AcmErrors.constraint("*** Sensitive Data Redacted ***", "privateKey",
                    "Member must have length less than or equal to 5120");
        }
        CertificateMaterial material = CertificateMaterial.parse(r.certificate().asByteArray(),
                r.privateKey().asByteArray(), r.certificateChain() == null ? null : r.certificateChain().asByteArray(),
                stores.now());
        if (material.domainName() == null) {
            throw AcmErrors.validation("The certificate must contain a domain name in its subject or in its"
                    + " subject alternative names.");
        }
        if (r.certificateArn() != null) {
            return reimport(r, material);
        }
        Map<String, String> tags = CertificateTags.checked(r.hasTags() ? r.tags() : null, Map.of());
        AcmStore store = stores.current();
        Cert cert = new Cert(store.account, store.region, stores.newArn(store), Cert.IMPORTED, stores.now());
        cert.material = material;
        cert.importedAt = cert.createdAt;
        cert.status = "ISSUED";
        cert.tags.putAll(tags);
        stores.add(cert);
        return ImportCertificateResponse.builder().certificateArn(cert.arn.toString()).build();
    }

    private ImportCertificateResponse reimport(ImportCertificateRequest r, CertificateMaterial material) {
        Cert cert = stores.find(r.certificateArn());
        if (r.hasTags() && !r.tags().isEmpty()) {
            throw AcmErrors.validation("You cannot apply tags when reimporting a certificate.");
        }
        if (!cert.imported()) {
            throw AcmErrors.validation("Certificate " + cert.arn + " is not an imported certificate: only imported"
                    + " certificates can be reimported.");
        }
        CertificateMaterial old = cert.material;
        if (!old.keyAlgorithm().equals(material.keyAlgorithm())) {
            throw AcmErrors.validation("The key type and size of a reimported certificate must match the original"
                    + " certificate's (" + old.keyAlgorithm() + ").");
        }
        if (!old.hasKeyUsageExtension() && material.hasKeyUsageExtension()) {
            throw AcmErrors.validation("You cannot add a KeyUsage extension when reimporting a certificate that"
                    + " did not have one.");
        }
        if (!old.hasExtendedKeyUsageExtension() && material.hasExtendedKeyUsageExtension()) {
            throw AcmErrors.validation("You cannot add an ExtendedKeyUsage extension when reimporting a certificate"
                    + " that did not have one.");
        }
        Set<String> removedUsages = new HashSet<>(old.keyUsages());
        material.keyUsages().forEach(removedUsages::remove);
        if (material.keyAlgorithm().startsWith("EC_")) {
            removedUsages.remove("KEY_ENCIPHERMENT");
        }
        if (!removedUsages.isEmpty()) {
            throw AcmErrors.validation("The reimported certificate removes key usages the original certificate has: "
                    + String.join(", ", removedUsages) + ".");
        }
        Map<String, String> removedExtended = new LinkedHashMap<>(old.extendedKeyUsages());
        material.extendedKeyUsages().keySet().forEach(removedExtended::remove);
        removedExtended.remove(CLIENT_AUTH);
        if (!removedExtended.isEmpty()) {
            throw AcmErrors.validation("The reimported certificate removes extended key usages the original"
                    + " certificate has: " + String.join(", ", removedExtended.values()) + ".");
        }
        cert.material = material;
        cert.importedAt = stores.now();
        cert.status = "ISSUED";
        return ImportCertificateResponse.builder().certificateArn(cert.arn.toString()).build();
    }
}

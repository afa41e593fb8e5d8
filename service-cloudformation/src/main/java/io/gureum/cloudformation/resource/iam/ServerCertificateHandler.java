package io.gureum.cloudformation.resource.iam;

import static io.gureum.cloudformation.resource.iam.IamSupport.iam;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * {@code AWS::IAM::ServerCertificate}. {@code Ref} is the certificate's name (generated when the template
 * gives none); {@code Fn::GetAtt Arn} its ARN. The name, certificate body, chain and private key replace it;
 * {@code Path} and tags change in place.
 */
public final class ServerCertificateHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("CertificateBody", "CertificateChain", "Path", "PrivateKey",
            "ServerCertificateName", "Tags");

    @Override
    public String type() {
        return "AWS::IAM::ServerCertificate";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("CertificateBody", "CertificateChain", "PrivateKey", "ServerCertificateName");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String name = r.has("ServerCertificateName") ? r.text("ServerCertificateName") : r.generatedName(128);
        List<Tag> tags = IamSupport.tags(r);
        String arn = iam(r).uploadServerCertificate(b -> b.serverCertificateName(name).path(r.text("Path"))
                .certificateBody(r.requiredText("CertificateBody")).certificateChain(r.text("CertificateChain"))
                .privateKey(r.requiredText("PrivateKey")).tags(tags.isEmpty() ? null : tags))
                .serverCertificateMetadata().arn();
        return Created.of(name).attribute("Arn", arn);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        IamClient iam = iam(r);
        String name = r.physicalId();
        if (r.changedProperties().contains("Path")) {
            iam.updateServerCertificate(b -> b.serverCertificateName(name).newPath(r.has("Path") ? r.text("Path")
                    : "/"));
        }
        if (r.changedProperties().contains("Tags")) {
            List<Tag> now = IamSupport.tags(r);
            List<String> keys = now.stream().map(Tag::key).toList();
            List<String> removed = iam.listServerCertificateTags(b -> b.serverCertificateName(name)).tags().stream()
                    .map(Tag::key).filter(k -> !keys.contains(k)).toList();
            if (!removed.isEmpty()) {
                iam.untagServerCertificate(b -> b.serverCertificateName(name).tagKeys(removed));
            }
            if (!now.isEmpty()) {
                iam.tagServerCertificate(b -> b.serverCertificateName(name).tags(now));
            }
        }
        String arn = iam.getServerCertificate(b -> b.serverCertificateName(name)).serverCertificate()
                .serverCertificateMetadata().arn();
        return Created.of(name).attribute("Arn", arn);
    }

    @Override
    public void delete(ResourceRequest r) {
        IamSupport.deleting(() -> iam(r).deleteServerCertificate(b -> b.serverCertificateName(r.physicalId())));
    }
}

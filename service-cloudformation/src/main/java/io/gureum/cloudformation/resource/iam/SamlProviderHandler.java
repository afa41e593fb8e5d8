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
 * {@code AWS::IAM::SAMLProvider}. {@code Ref} and {@code Fn::GetAtt Arn} give the provider's ARN;
 * {@code Fn::GetAtt SamlProviderUUID} its UUID. {@code Name}
 * (generated when absent) replaces it; the metadata document and tags change in place.
 */
public final class SamlProviderHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("Name", "SamlMetadataDocument", "Tags");

    @Override
    public String type() {
        return "AWS::IAM::SAMLProvider";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Name");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String name = r.has("Name") ? r.text("Name") : r.generatedName(128);
        List<Tag> tags = IamSupport.tags(r);
        String arn = iam(r).createSAMLProvider(b -> b.name(name)
                .samlMetadataDocument(r.requiredText("SamlMetadataDocument")).tags(tags.isEmpty() ? null : tags))
                .samlProviderArn();
        return result(iam(r), arn);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        IamClient iam = iam(r);
        String arn = r.physicalId();
        if (r.changedProperties().contains("SamlMetadataDocument")) {
            iam.updateSAMLProvider(b -> b.samlProviderArn(arn).samlMetadataDocument(r.text("SamlMetadataDocument")));
        }
        if (r.changedProperties().contains("Tags")) {
            List<Tag> now = IamSupport.tags(r);
            List<String> keys = now.stream().map(Tag::key).toList();
            List<String> removed = iam.listSAMLProviderTags(b -> b.samlProviderArn(arn)).tags().stream()
                    .map(Tag::key).filter(k -> !keys.contains(k)).toList();
            if (!removed.isEmpty()) {
                iam.untagSAMLProvider(b -> b.samlProviderArn(arn).tagKeys(removed));
            }
            if (!now.isEmpty()) {
                iam.tagSAMLProvider(b -> b.samlProviderArn(arn).tags(now));
            }
        }
        return result(iam, arn);
    }

    /** {@code Arn}, and {@code SamlProviderUUID} as GetSAMLProvider reports it. */
    private static Created result(IamClient iam, String arn) {
        return Created.of(arn).attribute("Arn", arn)
                .attribute("SamlProviderUUID", iam.getSAMLProvider(b -> b.samlProviderArn(arn)).samlProviderUUID());
    }

    @Override
    public void delete(ResourceRequest r) {
        IamSupport.deleting(() -> iam(r).deleteSAMLProvider(b -> b.samlProviderArn(r.physicalId())));
    }
}

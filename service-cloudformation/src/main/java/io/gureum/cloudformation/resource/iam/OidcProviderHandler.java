package io.gureum.cloudformation.resource.iam;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * {@code AWS::IAM::OIDCProvider}. {@code Ref} and {@code Fn::GetAtt Arn} are the provider's ARN. {@code Url}
 * replaces it; client ids, thumbprints and tags change in place.
 */
public final class OidcProviderHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("ClientIdList", "Tags", "ThumbprintList", "Url");

    @Override
    public String type() {
        return "AWS::IAM::OIDCProvider";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Url");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        List<Tag> tags = IamSupport.tags(r);
        String arn = IamSupport.iam(r).createOpenIDConnectProvider(b -> b.url(r.requiredText("Url"))
                .clientIDList(IamSupport.strings(r.property("ClientIdList")))
                .thumbprintList(IamSupport.strings(r.property("ThumbprintList")))
                .tags(tags.isEmpty() ? null : tags)).openIDConnectProviderArn();
        return Created.of(arn).attribute("Arn", arn);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        IamClient iam = IamSupport.iam(r);
        String arn = r.physicalId();
        Set<String> changed = r.changedProperties();
        if (changed.contains("ClientIdList")) {
            List<String> was = iam.getOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn)).clientIDList();
            List<String> now = IamSupport.strings(r.property("ClientIdList"));
            IamSupport.minus(now, was).forEach(id -> iam.addClientIDToOpenIDConnectProvider(b -> b
                    .openIDConnectProviderArn(arn).clientID(id)));
            IamSupport.minus(was, now).forEach(id -> iam.removeClientIDFromOpenIDConnectProvider(b -> b
                    .openIDConnectProviderArn(arn).clientID(id)));
        }
        if (changed.contains("ThumbprintList")) {
            iam.updateOpenIDConnectProviderThumbprint(b -> b.openIDConnectProviderArn(arn)
                    .thumbprintList(IamSupport.strings(r.property("ThumbprintList"))));
        }
        if (changed.contains("Tags")) {
            List<Tag> now = IamSupport.tags(r);
            List<String> keys = now.stream().map(Tag::key).toList();
            List<String> removed = iam.listOpenIDConnectProviderTags(b -> b.openIDConnectProviderArn(arn)).tags()
                    .stream().map(Tag::key).filter(k -> !keys.contains(k)).toList();
            if (!removed.isEmpty()) {
                iam.untagOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn).tagKeys(removed));
            }
            if (!now.isEmpty()) {
                iam.tagOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn).tags(now));
            }
        }
        return Created.of(arn).attribute("Arn", arn);
    }

    @Override
    public void delete(ResourceRequest r) {
        IamSupport.deleting(() -> IamSupport.iam(r).deleteOpenIDConnectProvider(b -> b.openIDConnectProviderArn(
                r.physicalId())));
    }
}

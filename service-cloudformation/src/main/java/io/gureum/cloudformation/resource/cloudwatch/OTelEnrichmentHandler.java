package io.gureum.cloudformation.resource.cloudwatch;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * {@code AWS::CloudWatch::OTelEnrichment}: the account's OTel enrichment switch, on while the resource exists
 * (StartOTelEnrichment; delete is StopOTelEnrichment). It has no properties. {@code Ref} and {@code Fn::GetAtt
 * AccountId} give the account; {@code Fn::GetAtt Status} is {@code RUNNING} (the type's schema spells the API's
 * {@code Running} in capitals).
 */
public final class OTelEnrichmentHandler implements ResourceHandler {
    @Override
    public String type() {
        return "AWS::CloudWatch::OTelEnrichment";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of();
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, Set.of());
        CloudWatchClient cw = r.client(CloudWatchClient.class);
        cw.startOTelEnrichment(b -> { });
        String status = cw.getOTelEnrichment(b -> { }).statusAsString().toUpperCase(Locale.ROOT);
        String account = r.stack().accountId();
        return Created.of(account).attribute("AccountId", account).attribute("Status", status);
    }

    @Override
    public Created update(ResourceRequest r) {
        return create(r);
    }

    @Override
    public void delete(ResourceRequest r) {
        r.client(CloudWatchClient.class).stopOTelEnrichment(b -> { });
    }
}

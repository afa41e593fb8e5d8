package io.gureum.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.error.ModeledErrors;
import io.gureum.core.ids.Arn;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.testing.AwsClients;
import io.gureum.core.testing.TestServices;
import io.gureum.junit5.GureumExtension;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.TagResourcesResponse;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.AddTagsToResourceRequest;
import software.amazon.awssdk.services.ssm.model.AddTagsToResourceResponse;
import software.amazon.awssdk.services.ssm.model.InvalidResourceIdException;
import software.amazon.awssdk.services.ssm.model.PutParameterRequest;
import software.amazon.awssdk.services.ssm.model.PutParameterResponse;
import software.amazon.awssdk.services.ssm.model.RemoveTagsFromResourceRequest;
import software.amazon.awssdk.services.ssm.model.RemoveTagsFromResourceResponse;
import software.amazon.awssdk.services.ssm.model.Tag;

/** The tagging API tags SSM parameters through SSM's AddTagsToResource, by the parameter's name. */
class SsmParameterTaggingIT {
    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder().services(new TaggingService(),
            TestServices.service("ssm", SsmClient.class, null, RegistrySsm.class, RegistrySsm::new)).build();

    /** Parameters registered in core's registry by name, as service-ssm records them. */
    static final class RegistrySsm {
        private final ServiceContext context;

        RegistrySsm(ServiceContext context) {
            this.context = context;
        }

        private static Arn arn(String name) {
            RequestContext ctx = RequestContext.current();
            return Arn.of("ssm", ctx.region(), ctx.accountId(), "parameter" + (name.startsWith("/") ? name : "/" + name));
        }

        public PutParameterResponse putParameter(PutParameterRequest r) {
            RequestContext ctx = RequestContext.current();
            context.registry().register(ctx.accountId(), ctx.region(), "ssm", r.name(), arn(r.name()));
            return PutParameterResponse.builder().version(1L).build();
        }

        public AddTagsToResourceResponse addTagsToResource(AddTagsToResourceRequest r) {
            context.registry().tag(existing(r.resourceId()),
                    r.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value)));
            return AddTagsToResourceResponse.builder().build();
        }

        public RemoveTagsFromResourceResponse removeTagsFromResource(RemoveTagsFromResourceRequest r) {
            context.registry().untag(existing(r.resourceId()), r.tagKeys());
            return RemoveTagsFromResourceResponse.builder().build();
        }

        private Arn existing(String name) {
            RequestContext ctx = RequestContext.current();
            if (context.registry().byId(ctx.accountId(), ctx.region(), "ssm", name).isEmpty()) {
                throw ModeledErrors.of(InvalidResourceIdException.class, "");
            }
            return arn(name);
        }
    }

    @Test
    void tagsHierarchicalAndPlainParametersByArn() {
        try (SsmClient ssm = AwsClients.client(SsmClient.builder(), aws.gureum());
                ResourceGroupsTaggingApiClient tagging = AwsClients.client(ResourceGroupsTaggingApiClient.builder(),
                        aws.gureum())) {
            ssm.putParameter(b -> b.name("/app/db").value("v"));
            ssm.putParameter(b -> b.name("plain").value("v"));
            String hierarchical = "arn:aws:ssm:us-east-1:000000000000:parameter/app/db";
            String plain = "arn:aws:ssm:us-east-1:000000000000:parameter/plain";
            TagResourcesResponse r = tagging.tagResources(b -> b.resourceARNList(hierarchical, plain,
                    "arn:aws:ssm:us-east-1:000000000000:parameter/missing").tags(Map.of("team", "blue")));
            assertEquals(1, r.failedResourcesMap().size(), r.toString());
            assertEquals("InvalidResourceId", r.failedResourcesMap().values().iterator().next().errorCodeAsString());
            assertEquals(Map.of("team", "blue"), aws.context().registry().tags(Arn.parse(hierarchical)));
            assertEquals(Map.of("team", "blue"), aws.context().registry().tags(Arn.parse(plain)));
            assertEquals(2, tagging.getResources(b -> b.resourceTypeFilters("ssm:parameter")).resourceTagMappingList().size());

            tagging.untagResources(b -> b.resourceARNList(hierarchical).tagKeys("team"));
            assertTrue(aws.context().registry().tags(Arn.parse(hierarchical)).isEmpty());
        }
    }
}

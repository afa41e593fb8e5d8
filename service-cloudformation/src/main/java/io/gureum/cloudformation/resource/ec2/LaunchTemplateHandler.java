package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.SdkJson;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;
import software.amazon.awssdk.services.ec2.model.RequestLaunchTemplateData;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * {@code AWS::EC2::LaunchTemplate}. {@code Ref} is the launch template id; {@code Fn::GetAtt} gives
 * {@code LaunchTemplateId}, {@code DefaultVersionNumber} and {@code LatestVersionNumber}.
 * {@code LaunchTemplateName} and {@code TagSpecifications} replace it; new {@code LaunchTemplateData}
 * creates a new version and makes it the default, as AWS's handler does. The data's members are EC2's
 * {@code RequestLaunchTemplateData} members, mapped one to one.
 */
public final class LaunchTemplateHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "LaunchTemplateData", "LaunchTemplateName", "TagSpecifications", "VersionDescription");

    @Override
    public String type() {
        return "AWS::EC2::LaunchTemplate";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("LaunchTemplateName", "TagSpecifications");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String name = r.has("LaunchTemplateName") ? r.text("LaunchTemplateName") : r.generatedName(128);
        List<TagSpecification> specs = new ArrayList<>();
        JsonNode given = r.property("TagSpecifications");
        if (given != null) {
            given.forEach(s -> specs.add(SdkJson.build(s, TagSpecification.builder(), "TagSpecifications")));
        }
        if (specs.isEmpty()) {
            List<TagSpecification> stackTags = Ec2Support.tagSpecs(r,
                    software.amazon.awssdk.services.ec2.model.ResourceType.LAUNCH_TEMPLATE);
            if (stackTags != null) {
                specs.addAll(stackTags);
            }
        }
        String id = ec2.createLaunchTemplate(b -> b.launchTemplateName(name).versionDescription(r.text(
                "VersionDescription")).launchTemplateData(data(r)).tagSpecifications(specs.isEmpty() ? null : specs))
                .launchTemplate().launchTemplateId();
        return result(ec2, id);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        if (r.changedProperties().contains("LaunchTemplateData") || r.changedProperties().contains(
                "VersionDescription")) {
            Long version = ec2.createLaunchTemplateVersion(b -> b.launchTemplateId(id).versionDescription(r.text(
                    "VersionDescription")).launchTemplateData(data(r))).launchTemplateVersion().versionNumber();
            ec2.modifyLaunchTemplate(b -> b.launchTemplateId(id).defaultVersion(String.valueOf(version)));
        }
        return result(ec2, id);
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).deleteLaunchTemplate(b -> b.launchTemplateId(r.physicalId())));
    }

    private static RequestLaunchTemplateData data(ResourceRequest r) {
        JsonNode data = r.property("LaunchTemplateData");
        if (data == null) {
            r.requiredText("LaunchTemplateData");
        }
        return SdkJson.build(data, RequestLaunchTemplateData.builder(), "LaunchTemplateData");
    }

    private static Created result(Ec2Client ec2, String id) {
        LaunchTemplate t = ec2.describeLaunchTemplates(b -> b.launchTemplateIds(id)).launchTemplates().get(0);
        return Created.of(id).attribute("LaunchTemplateId", id)
                .attribute("DefaultVersionNumber", String.valueOf(t.defaultVersionNumber()))
                .attribute("LatestVersionNumber", String.valueOf(t.latestVersionNumber()));
    }
}

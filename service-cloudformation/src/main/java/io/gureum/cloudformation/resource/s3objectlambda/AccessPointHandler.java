package io.gureum.cloudformation.resource.s3objectlambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Drift;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.GetAccessPointForObjectLambdaResponse;
import software.amazon.awssdk.services.s3control.model.ObjectLambdaConfiguration;
import software.amazon.awssdk.services.s3control.model.ObjectLambdaTransformationConfiguration;
import software.amazon.awssdk.services.s3control.model.PublicAccessBlockConfiguration;

/**
 * {@code AWS::S3ObjectLambda::AccessPoint} through S3 Control
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3objectlambda-accesspoint.html).
 * {@code Ref} is the Object Lambda access point's name; {@code Fn::GetAtt} gives {@code Arn}, {@code CreationDate},
 * {@code Alias} ({@code Alias.Value}, {@code Alias.Status}), and the attributes earlier versions of the page list,
 * {@code PolicyStatus.IsPublic} and {@code PublicAccessBlockConfiguration.*} (always on). {@code Name} replaces it;
 * {@code ObjectLambdaConfiguration} changes in place (PutAccessPointConfigurationForObjectLambda). Without a
 * {@code Name} one is generated (lower case, at most 45 characters).
 */
public final class AccessPointHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("Name", "ObjectLambdaConfiguration");

    @Override
    public String type() {
        return "AWS::S3ObjectLambda::AccessPoint";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Name");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String account = r.stack().accountId();
        String name = r.has("Name") ? r.text("Name") : r.generatedLowerCaseName(45);
        S3ControlClient control = r.client(S3ControlClient.class);
        ObjectLambdaConfiguration configuration = configuration(r.property("ObjectLambdaConfiguration"));
        control.createAccessPointForObjectLambda(c -> c.accountId(account).name(name).configuration(configuration));
        return created(control, account, name);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        String account = r.stack().accountId();
        S3ControlClient control = r.client(S3ControlClient.class);
        ObjectLambdaConfiguration configuration = configuration(r.property("ObjectLambdaConfiguration"));
        control.putAccessPointConfigurationForObjectLambda(p -> p.accountId(account).name(r.physicalId())
                .configuration(configuration));
        return created(control, account, r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(S3ControlClient.class).deleteAccessPointForObjectLambda(d -> d.accountId(r.stack().accountId())
                    .name(r.physicalId()));
        } catch (AwsServiceException e) { // in-process, NoSuchAccessPoint (unmodeled) comes as the base type
            if (e.statusCode() != 404) {
                throw e;
            }
        }
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public JsonNode read(ResourceRequest r) {
        S3ControlClient control = r.client(S3ControlClient.class);
        ObjectLambdaConfiguration c;
        try {
            c = control.getAccessPointConfigurationForObjectLambda(g -> g.accountId(r.stack().accountId())
                    .name(r.physicalId())).configuration();
        } catch (AwsServiceException e) {
            if (e.statusCode() == 404) {
                return null;
            }
            throw e;
        }
        return new Drift(r).put("Name", r.physicalId()).put("ObjectLambdaConfiguration",
                conform(template(c), r.property("ObjectLambdaConfiguration"))).result();
    }

    /** The read value with each scalar in the template's JSON type (templates often write booleans as strings). */
    static JsonNode conform(JsonNode actual, JsonNode expected) {
        if (expected == null || actual == null) {
            return actual;
        }
        if (actual.isObject() && expected.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            actual.fields().forEachRemaining(e -> out.set(e.getKey(), conform(e.getValue(), expected.get(e.getKey()))));
            return out;
        }
        if (actual.isArray() && expected.isArray()) {
            var out = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < actual.size(); i++) {
                out.add(conform(actual.get(i), expected.get(i)));
            }
            return out;
        }
        if (actual.isValueNode() && expected.isTextual() && !actual.isTextual()) {
            return JsonNodeFactory.instance.textNode(actual.asText());
        }
        return actual;
    }

    /** The template's ObjectLambdaConfiguration (the API's member names) as the SDK's shape. */
    static ObjectLambdaConfiguration configuration(JsonNode c) {
        if (c == null || !c.isObject()) {
            throw new ResourceFailure("Property ObjectLambdaConfiguration cannot be empty.");
        }
        List<ObjectLambdaTransformationConfiguration> transformations = new ArrayList<>();
        for (JsonNode t : c.path("TransformationConfigurations")) {
            JsonNode lambda = t.path("ContentTransformation").path("AwsLambda");
            transformations.add(ObjectLambdaTransformationConfiguration.builder()
                    .actionsWithStrings(Json.strings(t.get("Actions")))
                    .contentTransformation(ct -> ct.awsLambda(l -> l.functionArn(Json.text(lambda, "FunctionArn"))
                            .functionPayload(Json.text(lambda, "FunctionPayload"))))
                    .build());
        }
        ObjectLambdaConfiguration.Builder b = ObjectLambdaConfiguration.builder()
                .supportingAccessPoint(Json.text(c, "SupportingAccessPoint"))
                .cloudWatchMetricsEnabled(Json.bool(c, "CloudWatchMetricsEnabled"))
                .transformationConfigurations(transformations);
        if (c.has("AllowedFeatures")) {
            b.allowedFeaturesWithStrings(Json.strings(c.get("AllowedFeatures")));
        }
        return b.build();
    }

    /** The stored configuration in the template's shape (for drift detection). */
    static JsonNode template(ObjectLambdaConfiguration c) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("SupportingAccessPoint", c.supportingAccessPoint());
        if (c.cloudWatchMetricsEnabled() != null) {
            out.put("CloudWatchMetricsEnabled", c.cloudWatchMetricsEnabled());
        }
        if (c.hasAllowedFeatures()) {
            c.allowedFeaturesAsStrings().forEach(out.putArray("AllowedFeatures")::add);
        }
        var list = out.putArray("TransformationConfigurations");
        for (ObjectLambdaTransformationConfiguration t : c.transformationConfigurations()) {
            ObjectNode item = list.addObject();
            t.actionsAsStrings().forEach(item.putArray("Actions")::add);
            ObjectNode lambda = item.putObject("ContentTransformation").putObject("AwsLambda");
            lambda.put("FunctionArn", t.contentTransformation().awsLambda().functionArn());
            if (t.contentTransformation().awsLambda().functionPayload() != null) {
                lambda.put("FunctionPayload", t.contentTransformation().awsLambda().functionPayload());
            }
        }
        return out;
    }

    private static Created created(S3ControlClient control, String account, String name) {
        GetAccessPointForObjectLambdaResponse ap = control.getAccessPointForObjectLambda(g -> g.accountId(account)
                .name(name));
        String arn = control.listAccessPointsForObjectLambdaPaginator(l -> l.accountId(account))
                .objectLambdaAccessPointList().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new ResourceFailure("Object Lambda Access Point " + name + " not found"))
                .objectLambdaAccessPointArn();
        boolean isPublic;
        try {
            isPublic = control.getAccessPointPolicyStatusForObjectLambda(s -> s.accountId(account).name(name))
                    .policyStatus().isPublic();
        } catch (AwsServiceException e) { // NoSuchAccessPointPolicy: private
            if (e.statusCode() != 404) {
                throw e;
            }
            isPublic = false;
        }
        ObjectNode alias = JsonNodeFactory.instance.objectNode().put("Value", ap.alias().value())
                .put("Status", ap.alias().statusAsString());
        PublicAccessBlockConfiguration block = ap.publicAccessBlockConfiguration();
        ObjectNode blockNode = JsonNodeFactory.instance.objectNode()
                .put("BlockPublicAcls", block.blockPublicAcls()).put("IgnorePublicAcls", block.ignorePublicAcls())
                .put("BlockPublicPolicy", block.blockPublicPolicy())
                .put("RestrictPublicBuckets", block.restrictPublicBuckets());
        return Created.of(name).attribute("Arn", arn).attribute("CreationDate", ap.creationDate().toString())
                .attribute("Alias", alias).attribute("Alias.Value", ap.alias().value())
                .attribute("Alias.Status", ap.alias().statusAsString())
                .attribute("PolicyStatus", JsonNodeFactory.instance.objectNode().put("IsPublic", isPublic))
                .attribute("PolicyStatus.IsPublic", Boolean.toString(isPublic))
                .attribute("PublicAccessBlockConfiguration", blockNode)
                .attribute("PublicAccessBlockConfiguration.BlockPublicAcls", block.blockPublicAcls().toString())
                .attribute("PublicAccessBlockConfiguration.IgnorePublicAcls", block.ignorePublicAcls().toString())
                .attribute("PublicAccessBlockConfiguration.BlockPublicPolicy", block.blockPublicPolicy().toString())
                .attribute("PublicAccessBlockConfiguration.RestrictPublicBuckets",
                        block.restrictPublicBuckets().toString());
    }
}

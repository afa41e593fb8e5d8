package io.gureum.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsClients;
import io.gureum.iam.IamService;
import io.gureum.iam.StsService;
import io.gureum.junit5.GureumExtension;
import io.gureum.vpc.VpcService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileAssociation;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.iam.IamClient;

/** Operations around instances: IAM instance profile associations, attributes, placement, defaults, event windows. */
class InstanceOpsIT {
    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder()
            .services(new VpcService(), new Ec2ComputeService(), new IamService(), new StsService()).build();
    static Gureum gureum;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
    }

    static Ec2Client ec2() {
        return AwsClients.client(Ec2Client.builder(), gureum.endpoint(), "123456789012", "ap-northeast-2");
    }

    static String fails(String code, int status, Executable call) {
        AwsServiceException e = assertThrows(AwsServiceException.class, call);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(status, e.statusCode(), e.getMessage());
        return e.awsErrorDetails().errorMessage();
    }

    static void advance() {
        gureum.context().clock().advance(Duration.ofSeconds(10));
    }

    static String launch(Ec2Client ec2, String type, String profile) {
        String ami = InstancesIT.al2023(ec2, "x86_64");
        String id = ec2.runInstances(b -> b.imageId(ami).instanceType(type).minCount(1).maxCount(1)
                .metadataOptions(m -> m.httpTokens("optional"))
                .iamInstanceProfile(profile == null ? null : software.amazon.awssdk.services.ec2.model
                        .IamInstanceProfileSpecification.builder().name(profile).build())).instances().get(0).instanceId();
        advance();
        return id;
    }

    static String profile(String name) {
        IamClient iam = AwsClients.client(IamClient.builder(), gureum.endpoint(), "123456789012", "us-east-1");
        iam.createRole(b -> b.roleName(name + "-role").assumeRolePolicyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},"
                + "\"Action\":\"sts:AssumeRole\"}]}"));
        String arn = iam.createInstanceProfile(b -> b.instanceProfileName(name)).instanceProfile().arn();
        iam.addRoleToInstanceProfile(b -> b.instanceProfileName(name).roleName(name + "-role"));
        return arn;
    }

    static String imds(String instanceId, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(gureum.endpoint() + "/_gureum/ec2/imds/"
                + instanceId + "/latest/meta-data/" + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body();
    }

    static Instance describe(Ec2Client ec2, String id) {
        return InstancesIT.describe(ec2, id);
    }

    @Test
    void iamInstanceProfileAssociations() throws Exception {
        Ec2Client ec2 = ec2();
        String first = profile("ops-first");
        String second = profile("ops-second");
        String id = launch(ec2, "t3.micro", null);
        assertNull(describe(ec2, id).iamInstanceProfile());

        fails("InvalidParameterValue", 400, () -> ec2.associateIamInstanceProfile(b -> b.instanceId(id)
                .iamInstanceProfile(p -> p.name("no-such-profile"))));
        fails("InvalidInstanceID.NotFound", 400, () -> ec2.associateIamInstanceProfile(b -> b
                .instanceId("i-0123456789abcdef0").iamInstanceProfile(p -> p.name("ops-first"))));
        fails("MissingParameter", 400, () -> ec2.associateIamInstanceProfile(b -> b.instanceId(id)));

        IamInstanceProfileAssociation a = ec2.associateIamInstanceProfile(b -> b.instanceId(id)
                .iamInstanceProfile(p -> p.name("ops-first"))).iamInstanceProfileAssociation();
        assertEquals("associating", a.stateAsString());
        assertTrue(a.associationId().startsWith("iip-assoc-"));
        assertEquals(first, a.iamInstanceProfile().arn());
        assertEquals(first, describe(ec2, id).iamInstanceProfile().arn());
        assertEquals("200 ops-first-role", imds(id, "iam/security-credentials/"), "IMDS follows the association");
        assertTrue(fails("IncorrectState", 400, () -> ec2.associateIamInstanceProfile(b -> b.instanceId(id)
                .iamInstanceProfile(p -> p.name("ops-second")))).contains(id));
        advance();
        var described = ec2.describeIamInstanceProfileAssociations(b -> b.associationIds(a.associationId()))
                .iamInstanceProfileAssociations();
        assertEquals("associated", described.get(0).stateAsString());
        assertEquals(1, ec2.describeIamInstanceProfileAssociations(b -> b.filters(
                Filter.builder().name("instance-id").values(id).build(),
                Filter.builder().name("state").values("associated").build())).iamInstanceProfileAssociations().size());
        fails("InvalidAssociationID.NotFound", 400, () -> ec2.describeIamInstanceProfileAssociations(b -> b
                .associationIds("iip-assoc-0123456789abcdef0")));

        var replaced = ec2.replaceIamInstanceProfileAssociation(b -> b.associationId(a.associationId())
                .iamInstanceProfile(p -> p.arn(second))).iamInstanceProfileAssociation();
        assertNotEquals(a.associationId(), replaced.associationId(), "a replacement is a new association");
        assertEquals("associating", replaced.stateAsString());
        assertEquals(second, describe(ec2, id).iamInstanceProfile().arn());
        assertEquals("200 ops-second-role", imds(id, "iam/security-credentials/"));
        fails("InvalidAssociationID.NotFound", 400, () -> ec2.disassociateIamInstanceProfile(b -> b
                .associationId(a.associationId())));

        ec2.stopInstances(b -> b.instanceIds(id));
        advance();
        fails("IncorrectState", 400, () -> ec2.replaceIamInstanceProfileAssociation(b -> b
                .associationId(replaced.associationId()).iamInstanceProfile(p -> p.name("ops-first"))));
        var gone = ec2.disassociateIamInstanceProfile(b -> b.associationId(replaced.associationId()))
                .iamInstanceProfileAssociation();
        assertEquals("disassociating", gone.stateAsString());
        assertNull(describe(ec2, id).iamInstanceProfile());
        advance();
        assertTrue(ec2.describeIamInstanceProfileAssociations(b -> b.filters(Filter.builder().name("instance-id")
                .values(id).build())).iamInstanceProfileAssociations().isEmpty());
        // Stopped instances may be associated again.
        ec2.associateIamInstanceProfile(b -> b.instanceId(id).iamInstanceProfile(p -> p.name("ops-first")));

        String launched = launch(ec2, "t3.micro", "ops-second");
        var atLaunch = ec2.describeIamInstanceProfileAssociations(b -> b.filters(Filter.builder().name("instance-id")
                .values(launched).build())).iamInstanceProfileAssociations();
        assertEquals(List.of("associated"), atLaunch.stream().map(x -> x.stateAsString()).toList(),
                "RunInstances with a profile makes the association");
        var page = ec2.describeIamInstanceProfileAssociations(b -> b.maxResults(5));
        assertTrue(page.iamInstanceProfileAssociations().size() >= 2);
        fails("InvalidParameterValue", 400, () -> ec2.describeIamInstanceProfileAssociations(b -> b.maxResults(4)));
        ec2.terminateInstances(b -> b.instanceIds(launched));
        assertTrue(ec2.describeIamInstanceProfileAssociations(b -> b.filters(Filter.builder().name("instance-id")
                .values(launched).build())).iamInstanceProfileAssociations().isEmpty(),
                "a terminated instance keeps no association");
    }
}

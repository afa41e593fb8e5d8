package io.gureum.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.internal.util.EC2MetadataUtils;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/** The metadata service of instances, over HTTP as a program on the instance reads it, and through the SDK's own reader. */
class InstanceMetadataIT {
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

    static Instance launch(String httpTokens, String profile) {
        Ec2Client ec2 = ec2();
        String ami = InstancesIT.al2023(ec2, "x86_64");
        Instance i = ec2.runInstances(b -> b.imageId(ami).instanceType("t3.micro").minCount(1).maxCount(1)
                .metadataOptions(m -> m.httpTokens(httpTokens).instanceMetadataTags("enabled"))
                .iamInstanceProfile(profile == null ? null
                        : software.amazon.awssdk.services.ec2.model.IamInstanceProfileSpecification.builder().name(profile).build())
                .tagSpecifications(t -> t.resourceType("instance").tags(g -> g.key("Name").value("imds")))
                .userData(Base64.getEncoder().encodeToString("#!/bin/sh\necho hello".getBytes()))).instances().get(0);
        gureum.context().clock().advance(Duration.ofSeconds(10));
        return i;
    }

    static String base(String instanceId) {
        return gureum.endpoint() + "/_gureum/ec2/imds/" + instanceId;
    }

    static HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (token != null) {
            b.header("X-aws-ec2-metadata-token", token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> token(String instanceId, String ttl) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base(instanceId) + "/latest/api/token"))
                .PUT(HttpRequest.BodyPublishers.noBody());
        if (ttl != null) {
            b.header("X-aws-ec2-metadata-token-ttl-seconds", ttl);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void imdsV2TokensAreRequiredWhenTheInstanceSaysSo() throws Exception {
        Instance i = launch("required", null);
        String url = base(i.instanceId()) + "/latest/meta-data/instance-id";
        assertEquals(401, get(url, null).statusCode());
        assertEquals(400, token(i.instanceId(), null).statusCode());
        assertEquals(400, token(i.instanceId(), "21601").statusCode());
        HttpResponse<String> token = token(i.instanceId(), "60");
        assertEquals(200, token.statusCode());
        assertEquals("60", token.headers().firstValue("X-aws-ec2-metadata-token-ttl-seconds").orElseThrow());
        assertEquals(i.instanceId(), get(url, token.body()).body());
        assertEquals(401, get(url, "not-a-token").statusCode());

        String t = token.body();
        String mac = get(base(i.instanceId()) + "/latest/meta-data/mac", t).body();
        assertEquals(i.networkInterfaces().get(0).macAddress(), mac);
        assertEquals(i.subnetId(), get(base(i.instanceId()) + "/latest/meta-data/network/interfaces/macs/" + mac
                + "/subnet-id", t).body());
        assertEquals(i.privateIpAddress(), get(base(i.instanceId()) + "/latest/meta-data/local-ipv4", t).body());
        assertEquals(i.publicIpAddress(), get(base(i.instanceId()) + "/latest/meta-data/public-ipv4", t).body());
        assertEquals("default", get(base(i.instanceId()) + "/latest/meta-data/security-groups", t).body());
        assertEquals("imds", get(base(i.instanceId()) + "/latest/meta-data/tags/instance/Name", t).body());
        assertEquals("#!/bin/sh\necho hello", get(base(i.instanceId()) + "/latest/user-data", t).body());
        assertTrue(get(base(i.instanceId()) + "/latest/dynamic/instance-identity/document", t).body()
                .contains("\"region\" : \"ap-northeast-2\""));
        assertTrue(get(base(i.instanceId()) + "/latest/meta-data/", t).body().contains("placement/"));
        assertEquals(404, get(base(i.instanceId()) + "/latest/meta-data/no-such-thing", t).statusCode());

        // The token expires on the emulated clock.
        gureum.context().clock().advance(Duration.ofSeconds(61));
        assertEquals(401, get(url, t).statusCode());
        // A token is bound to its instance.
        Instance other = launch("optional", null);
        String otherToken = token(other.instanceId(), "60").body();
        assertEquals(401, get(url, otherToken).statusCode());
        assertEquals(other.instanceId(), get(base(other.instanceId()) + "/latest/meta-data/instance-id", null).body(),
                "IMDSv1 answers while tokens are optional");

        ec2().modifyInstanceMetadataOptions(b -> b.instanceId(other.instanceId()).httpTokens("required"));
        assertEquals(401, get(base(other.instanceId()) + "/latest/meta-data/instance-id", null).statusCode());
        ec2().stopInstances(b -> b.instanceIds(other.instanceId()));
        gureum.context().clock().advance(Duration.ofSeconds(10));
        assertEquals(404, get(base(other.instanceId()) + "/latest/meta-data/instance-id", null).statusCode());
    }

    @Test
    void theSdksOwnMetadataReaderReadsAnInstance() {
        Instance i = launch("required", null);
        String before = System.getProperty("aws.ec2MetadataServiceEndpoint");
        System.setProperty("aws.ec2MetadataServiceEndpoint", base(i.instanceId()));
        try {
            assertEquals(i.instanceId(), EC2MetadataUtils.getInstanceId());
            assertEquals("t3.micro", EC2MetadataUtils.getInstanceType());
            assertEquals(i.privateIpAddress(), EC2MetadataUtils.getPrivateIpAddress());
            assertEquals(i.placement().availabilityZone(), EC2MetadataUtils.getAvailabilityZone());
            assertEquals("ap-northeast-2", EC2MetadataUtils.getEC2InstanceRegion());
        } finally {
            if (before == null) {
                System.clearProperty("aws.ec2MetadataServiceEndpoint");
            } else {
                System.setProperty("aws.ec2MetadataServiceEndpoint", before);
            }
        }
    }

    @Test
    void anInstanceProfileShowsUpUnderIam() throws Exception {
        IamClient iam = AwsClients.client(IamClient.builder(), gureum.endpoint(), "123456789012", "us-east-1");
        iam.createRole(b -> b.roleName("app-role").assumeRolePolicyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},"
                + "\"Action\":\"sts:AssumeRole\"}]}"));
        String profileArn = iam.createInstanceProfile(b -> b.instanceProfileName("app-profile")).instanceProfile().arn();
        iam.addRoleToInstanceProfile(b -> b.instanceProfileName("app-profile").roleName("app-role"));
        Instance i = launch("optional", "app-profile");
        assertEquals(profileArn, i.iamInstanceProfile().arn());
        assertTrue(get(base(i.instanceId()) + "/latest/meta-data/iam/info", null).body().contains(profileArn));
        assertEquals("app-role", get(base(i.instanceId()) + "/latest/meta-data/iam/security-credentials/", null).body());
    }

    @Test
    void theRolesCredentialsComeFromStsAsTheInstance() throws Exception {
        IamClient iam = AwsClients.client(IamClient.builder(), gureum.endpoint(), "123456789012", "us-east-1");
        iam.createRole(b -> b.roleName("worker-role").assumeRolePolicyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},"
                + "\"Action\":\"sts:AssumeRole\"}]}"));
        iam.createInstanceProfile(b -> b.instanceProfileName("worker-profile"));
        iam.addRoleToInstanceProfile(b -> b.instanceProfileName("worker-profile").roleName("worker-role"));
        Instance i = launch("required", "worker-profile");
        String token = token(i.instanceId(), "300").body();
        HttpResponse<String> creds = get(base(i.instanceId()) + "/latest/meta-data/iam/security-credentials/worker-role",
                token);
        assertEquals(200, creds.statusCode(), creds.body());
        JsonNode c = new ObjectMapper().readTree(creds.body());
        assertEquals("Success", c.get("Code").asText());
        assertEquals("AWS-HMAC", c.get("Type").asText());
        assertTrue(c.get("AccessKeyId").asText().startsWith("ASIA"), creds.body());

        try (StsClient sts = StsClient.builder().endpointOverride(URI.create(gureum.endpoint().toString()))
                .region(Region.AP_NORTHEAST_2).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        c.get("AccessKeyId").asText(), c.get("SecretAccessKey").asText(), c.get("Token").asText())))
                .build()) {
            var me = sts.getCallerIdentity();
            // Instance credentials are a session of the role named after the instance
            // (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html).
            assertEquals("arn:aws:sts::123456789012:assumed-role/worker-role/" + i.instanceId(), me.arn());
            assertEquals("123456789012", me.account());
        }
        assertEquals(401, get(base(i.instanceId()) + "/latest/meta-data/iam/security-credentials/worker-role", null)
                .statusCode(), "IMDSv2 is required on this instance");
    }
}

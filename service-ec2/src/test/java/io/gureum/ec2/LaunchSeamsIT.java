package io.gureum.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsClients;
import io.gureum.junit5.GureumExtension;
import io.gureum.vpc.VpcService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;

/** RunInstances' calls across the seam to key pairs, launch templates and placement groups (ec2-contract.md). */
class LaunchSeamsIT {
    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder()
            .services(new VpcService(), new Ec2ComputeService(), new LaunchSeamsTestDouble()).build();
    static Gureum gureum;
    static volatile String image;

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
        image = InstancesIT.al2023(ec2(), "x86_64");
    }

    static Ec2Client ec2() {
        return AwsClients.client(Ec2Client.builder(), gureum.endpoint(), "123456789012", "ap-northeast-2");
    }

    static void fails(String code, org.junit.jupiter.api.function.Executable call) {
        AwsServiceException e = org.junit.jupiter.api.Assertions.assertThrows(AwsServiceException.class, call);
        assertEquals(code, e.awsErrorDetails().errorCode());
        assertEquals(400, e.statusCode());
    }

    @Test
    void keyNamePlacementGroupAndLaunchTemplate() throws Exception {
        Ec2Client ec2 = ec2();
        Instance i = ec2.runInstances(b -> b.imageId(image).instanceType("t3.micro").minCount(1).maxCount(1)
                .keyName("dev-key").placement(p -> p.groupName("pg-1"))).instances().get(0);
        assertEquals("dev-key", i.keyName());
        assertEquals("pg-1", i.placement().groupName());
        assertEquals(1, ec2.describeInstances(b -> b.filters(Filter.builder().name("key-name").values("dev-key")
                .build())).reservations().size());
        fails("InvalidKeyPair.NotFound", () -> ec2.runInstances(b -> b.imageId(image).instanceType("t3.micro")
                .minCount(1).maxCount(1).keyName("nope")));
        fails("InvalidPlacementGroup.Unknown", () -> ec2.runInstances(b -> b.imageId(image).instanceType("t3.micro")
                .minCount(1).maxCount(1).placement(p -> p.groupName("nope"))));

        gureum.context().clock().advance(Duration.ofSeconds(10));
        String url = gureum.endpoint() + "/_gureum/ec2/imds/" + i.instanceId() + "/latest/meta-data/public-keys/";
        HttpClient http = HttpClient.newHttpClient();
        String token = http.send(HttpRequest.newBuilder(URI.create(gureum.endpoint() + "/_gureum/ec2/imds/"
                + i.instanceId() + "/latest/api/token")).header("X-aws-ec2-metadata-token-ttl-seconds", "60")
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertEquals("0=dev-key", http.send(HttpRequest.newBuilder(URI.create(url)).header("X-aws-ec2-metadata-token",
                token).build(), HttpResponse.BodyHandlers.ofString()).body());
        assertEquals(LaunchSeamsTestDouble.PUBLIC_KEY, http.send(HttpRequest.newBuilder(URI.create(url
                + "0/openssh-key")).header("X-aws-ec2-metadata-token", token).build(),
                HttpResponse.BodyHandlers.ofString()).body());

        Instance fromTemplate = ec2.runInstances(b -> b.minCount(1).maxCount(1)
                .launchTemplate(t -> t.launchTemplateName("lt-web").version("$Default"))).instances().get(0);
        assertEquals(image, fromTemplate.imageId());
        assertEquals("t3.small", fromTemplate.instanceTypeAsString());
        assertEquals("dev-key", fromTemplate.keyName());
        Instance overridden = ec2.runInstances(b -> b.minCount(1).maxCount(1).instanceType("t3.medium")
                .launchTemplate(t -> t.launchTemplateName("lt-web"))).instances().get(0);
        assertEquals("t3.medium", overridden.instanceTypeAsString());
        fails("InvalidLaunchTemplateName.NotFoundException", () -> ec2.runInstances(b -> b.minCount(1).maxCount(1)
                .launchTemplate(t -> t.launchTemplateName("lt-none"))));
    }
}

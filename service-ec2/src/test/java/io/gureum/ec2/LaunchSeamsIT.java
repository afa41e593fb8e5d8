package io.gureum.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * RunInstances' calls across the seam to key pairs, launch templates and placement groups
 * (ec2-contract.md), end to end against the real providers of both sides.
 */
class LaunchSeamsIT extends Ec2ApiTestBase {
    static String image;
    static String publicKey;

    @BeforeAll
    static void seams() {
        Ec2Client ec2 = ec2();
        image = InstancesIT.al2023(ec2, "x86_64");
        ec2.createKeyPair(b -> b.keyName("dev-key").keyType("ed25519"));
        publicKey = ec2.describeKeyPairs(b -> b.keyNames("dev-key").includePublicKey(true)).keyPairs().get(0)
                .publicKey();
        ec2.createPlacementGroup(b -> b.groupName("pg-1").strategy("spread"));
        ec2.createLaunchTemplate(b -> b.launchTemplateName("lt-web").launchTemplateData(d -> d.imageId(image)
                .instanceType("t3.small").keyName("dev-key").userData("ZWNobyBsdA==")));
        ec2.createLaunchTemplateVersion(b -> b.launchTemplateName("lt-web").sourceVersion("1")
                .launchTemplateData(d -> d.instanceType("t3.large")));
    }

    @Test
    void keyNameAndPlacementGroup() throws Exception {
        Ec2Client ec2 = ec2();
        Instance i = ec2.runInstances(b -> b.imageId(image).instanceType("t3.micro").minCount(1).maxCount(1)
                .keyName("dev-key").placement(p -> p.groupName("pg-1"))).instances().get(0);
        assertEquals("dev-key", i.keyName());
        assertEquals("pg-1", i.placement().groupName());
        assertEquals(i.instanceId(), ec2.describeInstances(b -> b.filters(Filter.builder().name("key-name")
                .values("dev-key").build(), Filter.builder().name("placement-group-name").values("pg-1").build()))
                .reservations().get(0).instances().get(0).instanceId());
        fails("InvalidKeyPair.NotFound", 400, () -> ec2.runInstances(b -> b.imageId(image).instanceType("t3.micro")
                .minCount(1).maxCount(1).keyName("nope")));
        fails("InvalidPlacementGroup.Unknown", 400, () -> ec2.runInstances(b -> b.imageId(image)
                .instanceType("t3.micro").minCount(1).maxCount(1).placement(p -> p.groupName("nope"))));

        gureum.context().clock().advance(Duration.ofSeconds(10));
        String url = gureum.endpoint() + "/_gureum/ec2/imds/" + i.instanceId() + "/latest/meta-data/public-keys/";
        HttpClient http = HttpClient.newHttpClient();
        String token = http.send(HttpRequest.newBuilder(URI.create(gureum.endpoint() + "/_gureum/ec2/imds/"
                + i.instanceId() + "/latest/api/token")).header("X-aws-ec2-metadata-token-ttl-seconds", "60")
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertEquals("0=dev-key", http.send(HttpRequest.newBuilder(URI.create(url)).header("X-aws-ec2-metadata-token",
                token).build(), HttpResponse.BodyHandlers.ofString()).body());
        assertNotNull(publicKey);
        assertEquals(publicKey.trim(), http.send(HttpRequest.newBuilder(URI.create(url + "0/openssh-key"))
                .header("X-aws-ec2-metadata-token", token).build(), HttpResponse.BodyHandlers.ofString()).body()
                .trim());
    }

    @Test
    void launchTemplateVersionsAndOverrides() {
        Ec2Client ec2 = ec2();
        Instance byDefault = ec2.runInstances(b -> b.minCount(1).maxCount(1)
                .launchTemplate(t -> t.launchTemplateName("lt-web").version("$Default"))).instances().get(0);
        assertEquals(image, byDefault.imageId());
        assertEquals("t3.small", byDefault.instanceTypeAsString());
        assertEquals("dev-key", byDefault.keyName());
        assertEquals("t3.small", ec2.runInstances(b -> b.minCount(1).maxCount(1)
                .launchTemplate(t -> t.launchTemplateName("lt-web"))).instances().get(0).instanceTypeAsString(),
                "no version means the default one");
        Instance latest = ec2.runInstances(b -> b.minCount(1).maxCount(1)
                .launchTemplate(t -> t.launchTemplateName("lt-web").version("$Latest"))).instances().get(0);
        assertEquals("t3.large", latest.instanceTypeAsString());
        assertEquals("dev-key", latest.keyName(), "version 2 inherits from version 1");
        assertEquals("t3.large", ec2.runInstances(b -> b.minCount(1).maxCount(1)
                .launchTemplate(t -> t.launchTemplateName("lt-web").version("2"))).instances().get(0)
                .instanceTypeAsString());
        Instance overridden = ec2.runInstances(b -> b.minCount(1).maxCount(1).instanceType("t3.medium")
                .launchTemplate(t -> t.launchTemplateName("lt-web").version("$Latest"))).instances().get(0);
        assertEquals("t3.medium", overridden.instanceTypeAsString());
        assertEquals(image, overridden.imageId());
        fails("InvalidLaunchTemplateName.NotFoundException", 400, () -> ec2.runInstances(b -> b.minCount(1)
                .maxCount(1).launchTemplate(t -> t.launchTemplateName("lt-none"))));
        fails("InvalidLaunchTemplateId.VersionNotFound", 400, () -> ec2.runInstances(b -> b.minCount(1)
                .maxCount(1).launchTemplate(t -> t.launchTemplateName("lt-web").version("9"))));
    }
}

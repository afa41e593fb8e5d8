package io.gureum.cloudformation.resource.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.HandlerTestSupport;
import io.gureum.cloudformation.resource.cloudwatch.AlarmHandler;
import io.gureum.cloudformation.resource.ec2.InstanceHandler;
import io.gureum.cloudformation.resource.ec2.KeyPairHandler;
import io.gureum.cloudformation.resource.ec2.LaunchTemplateHandler;
import io.gureum.cloudformation.resource.ec2.VolumeHandler;
import io.gureum.cloudformation.resource.events.RuleHandler;
import io.gureum.cloudformation.resource.kms.AliasHandler;
import io.gureum.cloudformation.resource.kms.KeyHandler;
import io.gureum.cloudformation.resource.secretsmanager.SecretHandler;
import io.gureum.cloudformation.resource.sqs.SqsQueueHandler;
import io.gureum.cloudformation.resource.ssm.ParameterHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/** EC2 compute, CloudWatch alarms, EventBridge rules, SSM parameters, KMS and Secrets Manager handlers. */
class ComputeAndManagementHandlersIT extends HandlerTestSupport {

    /** Runs a handler call that waits for EC2 to settle, moving the core clock until it returns. */
    static <T> T settling(Supplier<T> call) throws Exception {
        CompletableFuture<T> f = CompletableFuture.supplyAsync(call);
        while (!f.isDone()) {
            gureum.context().clock().advance(Duration.ofSeconds(30));
            Thread.sleep(50);
        }
        return f.get();
    }

    String image() {
        return client(Ec2Client.class).describeImages(b -> b.owners("amazon")).images().get(0).imageId();
    }

    @Test
    void instanceFromALaunchTemplateWithAKeyPairAndAVolume() throws Exception {
        Ec2Client ec2 = client(Ec2Client.class);
        Deployed key = create(new KeyPairHandler(), "Key", props("{'KeyName':'course'}"));
        assertEquals("course", key.id());
        assertTrue(key.att("KeyPairId").startsWith("key-"));
        String privateKey = client(SsmClient.class).getParameter(b -> b.name("/ec2/keypair/" + key.att("KeyPairId"))
                .withDecryption(true)).parameter().value();
        assertTrue(privateKey.contains("PRIVATE KEY"), "the private key is kept in Parameter Store");

        Deployed template = create(new LaunchTemplateHandler(), "Template", props("{'LaunchTemplateData':"
                + "{'ImageId':'" + image() + "','InstanceType':'t3.micro','KeyName':'course',"
                + "'MetadataOptions':{'HttpTokens':'required'}}}"));
        assertTrue(template.id().startsWith("lt-"));
        assertEquals("1", template.att("DefaultVersionNumber"));
        Deployed template2 = update(template, props("{'LaunchTemplateData':{'ImageId':'" + image()
                + "','InstanceType':'t3.small'}}"));
        assertEquals("2", template2.att("DefaultVersionNumber"));
        assertEquals("2", template2.att("LatestVersionNumber"));

        Deployed instance = settling(() -> create(new InstanceHandler(), "Web", props("{'LaunchTemplate':"
                + "{'LaunchTemplateId':'" + template.id() + "','Version':'$Default'},'Tags':[{'Key':'Name',"
                + "'Value':'web'}]}")));
        Instance i = ec2.describeInstances(b -> b.instanceIds(instance.id())).reservations().get(0).instances().get(0);
        assertEquals("running", i.state().nameAsString());
        assertEquals("t3.small", i.instanceTypeAsString());
        assertEquals(i.privateIpAddress(), instance.att("PrivateIp"));
        assertEquals(i.placement().availabilityZone(), instance.att("AvailabilityZone"));
        assertEquals(i.vpcId(), instance.att("VpcId"));

        Deployed resized = settling(() -> update(instance, props("{'LaunchTemplate':{'LaunchTemplateId':'"
                + template.id() + "','Version':'$Default'},'InstanceType':'t3.large','Tags':[{'Key':'Name',"
                + "'Value':'web'}]}")));
        i = ec2.describeInstances(b -> b.instanceIds(instance.id())).reservations().get(0).instances().get(0);
        assertEquals("t3.large", i.instanceTypeAsString());
        assertEquals("running", i.state().nameAsString());
        assertTrue(replaces(resized, props("{'ImageId':'ami-12345678'}")));

        Deployed volume = create(new VolumeHandler(), "Data", props("{'AvailabilityZone':'"
                + instance.att("AvailabilityZone") + "','Size':8,'VolumeType':'gp3'}"));
        assertTrue(volume.id().startsWith("vol-"));
        Deployed bigger = update(volume, props("{'AvailabilityZone':'" + instance.att("AvailabilityZone")
                + "','Size':16,'VolumeType':'gp3'}"));
        assertTrue(new VolumeHandler().snapshots());
        // DeletionPolicy: Snapshot asks the handler for a snapshot before the delete.
        new VolumeHandler().snapshot(new io.gureum.cloudformation.resource.ResourceRequest(bigger.logicalId(),
                "AWS::EC2::Volume", bigger.properties(), null, bigger.id(), bigger.created().attributes(),
                new io.gureum.cloudformation.resource.ResourceRequest.Stack(STACK, stackId, account, REGION),
                io.gureum.core.spi.Caller.root(account, REGION), gureum.context().clients(), List.of(), "X", "t"));
        assertEquals(volume.id(), ec2.describeSnapshots(b -> b.ownerIds("self")).snapshots().get(0).volumeId());
        delete(bigger);
        delete(bigger);

        settling(() -> {
            delete(resized);
            return null;
        });
        assertEquals("terminated", ec2.describeInstances(b -> b.instanceIds(instance.id())).reservations().get(0)
                .instances().get(0).state().nameAsString());
        delete(template2);
        delete(template2);
        delete(key);
        assertThrows(ParameterNotFoundException.class, () -> client(SsmClient.class).getParameter(b -> b.name(
                "/ec2/keypair/" + key.att("KeyPairId"))));
        delete(key);
    }

    @Test
    void alarmRuleAndParameter() {
        Deployed alarm = create(new AlarmHandler(), "HighCpu", props("{'MetricName':'CPUUtilization',"
                + "'Namespace':'AWS/EC2','Statistic':'Average','Period':60,'EvaluationPeriods':2,'Threshold':80,"
                + "'ComparisonOperator':'GreaterThanThreshold','Dimensions':[{'Name':'InstanceId','Value':'i-1'}]}"));
        CloudWatchClient cw = client(CloudWatchClient.class);
        MetricAlarm a = cw.describeAlarms(b -> b.alarmNames(alarm.id())).metricAlarms().get(0);
        assertEquals(a.alarmArn(), alarm.att("Arn"));
        assertEquals(80.0, a.threshold());
        Deployed alarm2 = update(alarm, props("{'MetricName':'CPUUtilization','Namespace':'AWS/EC2',"
                + "'Statistic':'Average','Period':60,'EvaluationPeriods':2,'Threshold':90,"
                + "'ComparisonOperator':'GreaterThanThreshold'}"));
        a = cw.describeAlarms(b -> b.alarmNames(alarm.id())).metricAlarms().get(0);
        assertEquals(90.0, a.threshold());
        assertTrue(a.dimensions().isEmpty());
        delete(alarm2);
        assertTrue(cw.describeAlarms(b -> b.alarmNames(alarm.id())).metricAlarms().isEmpty());
        delete(alarm2);

        Deployed queue = create(new SqsQueueHandler(), "Q", props("{}"));
        EventBridgeClient events = client(EventBridgeClient.class);
        Deployed rule = create(new RuleHandler(), "OnOrder", props("{'EventPattern':{'source':['shop']},"
                + "'Targets':[{'Id':'q','Arn':'" + queue.att("Arn") + "','Input':{'fixed':true}}]}"));
        assertTrue(rule.id().startsWith(STACK + "-OnOrder-"));
        assertEquals(events.describeRule(b -> b.name(rule.id())).arn(), rule.att("Arn"));
        List<Target> targets = events.listTargetsByRule(b -> b.rule(rule.id())).targets();
        assertEquals(queue.att("Arn"), targets.get(0).arn());
        assertEquals("{\"fixed\":true}", targets.get(0).input());
        Deployed rule2 = update(rule, props("{'EventPattern':{'source':['shop']},'State':'DISABLED',"
                + "'Targets':[{'Id':'q2','Arn':'" + queue.att("Arn") + "'}]}"));
        assertEquals("DISABLED", events.describeRule(b -> b.name(rule.id())).stateAsString());
        assertEquals(List.of("q2"), events.listTargetsByRule(b -> b.rule(rule.id())).targets().stream()
                .map(Target::id).toList());
        delete(rule2);
        assertTrue(events.listRules(b -> b.namePrefix(STACK)).rules().isEmpty());
        delete(rule2);
        delete(queue);

        SsmClient ssm = client(SsmClient.class);
        Deployed parameter = create(new ParameterHandler(), "Ami", props("{'Name':'/app/ami','Type':'String',"
                + "'Value':'ami-1','Tags':{'Team':'course'}}"));
        assertEquals("/app/ami", parameter.id());
        assertEquals("ami-1", parameter.att("Value"));
        assertEquals("String", parameter.att("Type"));
        Deployed parameter2 = update(parameter, props("{'Name':'/app/ami','Type':'String','Value':'ami-2'}"));
        assertEquals("ami-2", ssm.getParameter(b -> b.name("/app/ami")).parameter().value());
        assertEquals(2L, ssm.getParameter(b -> b.name("/app/ami")).parameter().version());
        delete(parameter2);
        assertThrows(ParameterNotFoundException.class, () -> ssm.getParameter(b -> b.name("/app/ami")));
        delete(parameter2);
    }

    @Test
    void kmsKeyAliasAndGeneratedSecret() throws Exception {
        KmsClient kms = client(KmsClient.class);
        Deployed key = create(new KeyHandler(), "Key", props("{'Description':'data','EnableKeyRotation':true}"));
        assertEquals(key.id(), key.att("KeyId"));
        assertEquals(kms.describeKey(b -> b.keyId(key.id())).keyMetadata().arn(), key.att("Arn"));
        assertTrue(kms.getKeyRotationStatus(b -> b.keyId(key.id())).keyRotationEnabled());
        Deployed key2 = update(key, props("{'Description':'data v2'}"));
        assertEquals("data v2", kms.describeKey(b -> b.keyId(key.id())).keyMetadata().description());
        assertFalse(kms.getKeyRotationStatus(b -> b.keyId(key.id())).keyRotationEnabled());

        Deployed alias = create(new AliasHandler(), "Alias", props("{'AliasName':'alias/data','TargetKeyId':'"
                + key.id() + "'}"));
        assertEquals("alias/data", alias.id());
        assertEquals(key.id(), kms.describeKey(b -> b.keyId("alias/data")).keyMetadata().keyId());

        SecretsManagerClient sm = client(SecretsManagerClient.class);
        Deployed secret = create(new SecretHandler(), "DbSecret", props("{'KmsKeyId':'" + key.att("Arn")
                + "','GenerateSecretString':{'SecretStringTemplate':'{\\'username\\':\\'admin\\'}',"
                + "'GenerateStringKey':'password','PasswordLength':20,'ExcludePunctuation':true}}"));
        assertTrue(secret.id().startsWith("arn:aws:secretsmanager:" + REGION + ":" + account + ":secret:DbSecret-"));
        JsonNode value = JSON.readTree(sm.getSecretValue(b -> b.secretId(secret.id())).secretString());
        assertEquals("admin", value.get("username").asText());
        assertEquals(20, value.get("password").asText().length());
        Deployed secret2 = update(secret, props("{'KmsKeyId':'" + key.att("Arn") + "','SecretString':'plain'}"));
        assertEquals("plain", sm.getSecretValue(b -> b.secretId(secret.id())).secretString());
        assertNotEquals(secret.id(), null);

        delete(secret2);
        assertThrows(ResourceNotFoundException.class, () -> sm.describeSecret(b -> b.secretId(secret.id())));
        delete(secret2);
        delete(alias);
        delete(alias);
        delete(key2);
        assertEquals("PendingDeletion", kms.describeKey(b -> b.keyId(key.id())).keyMetadata().keyStateAsString());
        delete(key2);
    }
}

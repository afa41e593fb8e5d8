package io.gureum.cloudformation.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.gureum.cloudformation.resource.ec2.CapacityReservationHandler;
import io.gureum.cloudformation.resource.lambda.CodeSigningConfigHandler;
import io.gureum.cloudformation.resource.logs.DeliveryDestinationHandler;
import io.gureum.cloudformation.resource.logs.LogAnomalyDetectorHandler;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The readable handlers of the third round's types read back what the template gave right after create, a change
 * made outside the stack in the template's shape, and null once the resource is gone.
 */
class NewTypesDriftReadIT extends HandlerTestSupport {

    @Test
    void codeSigningConfig() {
        Deployed csc = create(new CodeSigningConfigHandler(), "Signing", props("{'Description':'d',"
                + "'AllowedPublishers':{'SigningProfileVersionArns':['arn:aws:signer:us-east-1:" + account
                + ":/signing-profiles/p/abcdef0123']},'CodeSigningPolicies':{'UntrustedArtifactOnDeployment':'Warn'}}"));
        assertEquals(csc.properties(), read(csc), "no drift right after create");
        client(LambdaClient.class).updateCodeSigningConfig(b -> b.codeSigningConfigArn(csc.id())
                .codeSigningPolicies(p -> p.untrustedArtifactOnDeployment("Enforce")));
        assertEquals("Enforce", read(csc).path("CodeSigningPolicies").path("UntrustedArtifactOnDeployment").asText());
        delete(csc);
        assertNull(read(csc));
    }

    @Test
    void deliveryDestinationAndAnomalyDetector() {
        CloudWatchLogsClient logs = client(CloudWatchLogsClient.class);
        logs.createLogGroup(b -> b.logGroupName("drift-group"));
        String group = "arn:aws:logs:" + REGION + ":" + account + ":log-group:drift-group";
        Deployed destination = create(new DeliveryDestinationHandler(), "Destination", props("{'Name':'drift-dest',"
                + "'DestinationResourceArn':'" + group + "'}"));
        assertEquals(destination.properties(), read(destination));
        delete(destination);
        assertNull(read(destination));

        Deployed detector = create(new LogAnomalyDetectorHandler(), "Detector", props("{'DetectorName':'d',"
                + "'LogGroupArnList':['" + group + "'],'EvaluationFrequency':'FIVE_MIN','AnomalyVisibilityTime':14}"));
        assertEquals(detector.properties(), read(detector));
        logs.updateLogAnomalyDetector(b -> b.anomalyDetectorArn(detector.id()).enabled(true)
                .evaluationFrequency("ONE_HOUR").anomalyVisibilityTime(14L));
        assertEquals("ONE_HOUR", read(detector).get("EvaluationFrequency").asText());
        delete(detector);
        assertNull(read(detector));
    }

    @Test
    void capacityReservation() {
        Deployed cr = create(new CapacityReservationHandler(), "Reservation", props("{'InstanceType':'t3.micro',"
                + "'InstancePlatform':'Linux/UNIX','AvailabilityZone':'us-east-1a','InstanceCount':1}"));
        assertEquals(cr.properties(), read(cr));
        client(Ec2Client.class).modifyCapacityReservation(b -> b.capacityReservationId(cr.id()).instanceCount(2));
        assertEquals(2, read(cr).get("InstanceCount").asInt());
        delete(cr);
        assertNull(read(cr), "a cancelled reservation is gone");
    }
}

package io.gureum.cloudformation.resource.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.cloudformation.resource.HandlerTestSupport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** {@code AWS::EC2::Volume}'s {@code AutoEnableIO}: set at create, changed in place, read back through EC2. */
class VolumeAutoEnableIoIT extends HandlerTestSupport {
    private boolean autoEnableIo(Ec2Client ec2, String volume) {
        return ec2.describeVolumeAttribute(b -> b.volumeId(volume).attribute("autoEnableIO")).autoEnableIO().value();
    }

    @Test
    void autoEnableIoAtCreateAndInPlace() {
        Ec2Client ec2 = client(Ec2Client.class);
        Deployed volume = create(new VolumeHandler(), "Data", props("{'AvailabilityZone':'us-east-1a','Size':8,"
                + "'AutoEnableIO':true}"));
        assertTrue(autoEnableIo(ec2, volume.id()));
        Deployed off = update(volume, props("{'AvailabilityZone':'us-east-1a','Size':8,'AutoEnableIO':false}"));
        assertFalse(autoEnableIo(ec2, off.id()));
        Deployed on = update(off, props("{'AvailabilityZone':'us-east-1a','Size':8,'AutoEnableIO':true}"));
        assertTrue(autoEnableIo(ec2, on.id()));
        Deployed plain = create(new VolumeHandler(), "Plain", props("{'AvailabilityZone':'us-east-1a','Size':8}"));
        assertFalse(autoEnableIo(ec2, plain.id()));
        delete(on);
        delete(plain);
        AwsServiceException gone = assertThrows(AwsServiceException.class,
                () -> ec2.describeVolumes(b -> b.volumeIds(on.id())));
        assertEquals("InvalidVolume.NotFound", gone.awsErrorDetails().errorCode());
    }
}

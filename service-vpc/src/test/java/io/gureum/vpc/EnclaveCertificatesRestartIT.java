package io.gureum.vpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AssociateEnclaveCertificateIamRoleResponse;
import software.amazon.awssdk.services.ec2.model.AssociatedRole;
import software.amazon.awssdk.services.iam.IamClient;

/** Enclave certificate IAM role associations (and the certificate's use by the role in ACM) after a restart. */
class EnclaveCertificatesRestartIT {
    private static final String ACCOUNT = "123456789014";
    private static final String REGION = "eu-west-1";

    @TempDir
    Path dataDir;

    private Gureum start() {
        return Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build());
    }

    @Test
    void associationsSurviveARestart() {
        String cert;
        String role;
        AssociateEnclaveCertificateIamRoleResponse a;
        try (Gureum g = start(); Ec2Client ec2 = AwsClients.client(Ec2Client.builder(), g.endpoint(), ACCOUNT, REGION);
                AcmClient acm = AwsClients.client(AcmClient.builder(), g.endpoint(), ACCOUNT, REGION);
                IamClient iam = AwsClients.client(IamClient.builder(), g.endpoint(), ACCOUNT, "us-east-1")) {
            cert = EnclaveCertificatesIT.importCertificate(acm);
            role = EnclaveCertificatesIT.role(iam, "/", "enclave");
            String c = cert;
            String r = role;
            a = ec2.associateEnclaveCertificateIamRole(b -> b.certificateArn(c).roleArn(r));
        }
        try (Gureum g = start(); Ec2Client ec2 = AwsClients.client(Ec2Client.builder(), g.endpoint(), ACCOUNT, REGION);
                AcmClient acm = AwsClients.client(AcmClient.builder(), g.endpoint(), ACCOUNT, REGION)) {
            String c = cert;
            List<AssociatedRole> roles = ec2.getAssociatedEnclaveCertificateIamRoles(b -> b.certificateArn(c))
                    .associatedRoles();
            assertEquals(1, roles.size());
            assertEquals(role, roles.get(0).associatedRoleArn());
            assertEquals(a.certificateS3BucketName(), roles.get(0).certificateS3BucketName());
            assertEquals(a.certificateS3ObjectKey(), roles.get(0).certificateS3ObjectKey());
            assertEquals(a.encryptionKmsKeyId(), roles.get(0).encryptionKmsKeyId());
            assertEquals(List.of(role), acm.describeCertificate(b -> b.certificateArn(c)).certificate().inUseBy());
            String r = role;
            ec2.disassociateEnclaveCertificateIamRole(b -> b.certificateArn(c).roleArn(r));
            assertEquals(List.of(), acm.describeCertificate(b -> b.certificateArn(c)).certificate().inUseBy());
        }
    }
}

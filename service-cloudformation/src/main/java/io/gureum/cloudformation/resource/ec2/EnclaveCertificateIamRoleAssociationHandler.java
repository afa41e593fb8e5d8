package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.AssociateEnclaveCertificateIamRoleResponse;
import software.amazon.awssdk.services.ec2.model.AssociatedRole;

/**
 * {@code AWS::EC2::EnclaveCertificateIamRoleAssociation}: an IAM role associated with an ACM certificate for ACM for
 * Nitro Enclaves (AssociateEnclaveCertificateIamRole). {@code Ref} is "the IAM role and ACM certificate association":
 * its identifier, {@code <CertificateArn>|<RoleArn>}, as Cloud Control joins the type's two-part primary identifier;
 * {@code Fn::GetAtt} gives {@code CertificateS3BucketName}, {@code CertificateS3ObjectKey} and
 * {@code EncryptionKmsKeyId}. Both properties replace the association when changed. Synchronous in EC2: nothing to
 * wait for.
 */
public final class EnclaveCertificateIamRoleAssociationHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("CertificateArn", "RoleArn");

    @Override
    public String type() {
        return "AWS::EC2::EnclaveCertificateIamRoleAssociation";
    }

    @Override
    public Set<String> replacementProperties() {
        return ALL_PROPERTIES;
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String certificate = r.requiredText("CertificateArn");
        String role = r.requiredText("RoleArn");
        AssociateEnclaveCertificateIamRoleResponse a = ec2(r).associateEnclaveCertificateIamRole(b -> b
                .certificateArn(certificate).roleArn(role));
        return Created.of(certificate + "|" + role).attribute("CertificateS3BucketName", a.certificateS3BucketName())
                .attribute("CertificateS3ObjectKey", a.certificateS3ObjectKey())
                .attribute("EncryptionKmsKeyId", a.encryptionKmsKeyId());
    }

    /** The association as EC2 lists it, or null when the role is no longer associated with the certificate. */
    private static AssociatedRole find(ResourceRequest r) {
        String[] id = r.physicalId().split("\\|", 2);
        return ec2(r).getAssociatedEnclaveCertificateIamRoles(b -> b.certificateArn(id[0])).associatedRoles()
                .stream().filter(a -> a.associatedRoleArn().equals(id[1])).findFirst().orElse(null);
    }

    @Override
    public void delete(ResourceRequest r) {
        String[] id = r.physicalId().split("\\|", 2);
        if (find(r) != null) {
            ec2(r).disassociateEnclaveCertificateIamRole(b -> b.certificateArn(id[0]).roleArn(id[1]));
        }
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public JsonNode read(ResourceRequest r) {
        String[] id = r.physicalId().split("\\|", 2);
        if (find(r) == null) {
            return null;
        }
        return new io.gureum.cloudformation.resource.common.Drift(r).put("CertificateArn", id[0])
                .put("RoleArn", id[1]).result();
    }
}

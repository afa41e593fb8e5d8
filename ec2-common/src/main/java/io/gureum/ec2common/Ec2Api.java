package io.gureum.ec2common;

/**
 * What every registration of the EC2 API must agree on (core refuses to compose registrations of one
 * name that differ in client interface or XML namespace).
 */
public final class Ec2Api {
    /** The API's name and signing name. */
    public static final String NAME = "ec2";
    public static final String CLIENT_INTERFACE = "software.amazon.awssdk.services.ec2.Ec2Client";
    /** The namespace of EC2's XML responses (API version 2016-11-15). */
    public static final String XML_NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";

    private Ec2Api() {
    }
}

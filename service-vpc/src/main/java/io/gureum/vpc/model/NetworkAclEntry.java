package io.gureum.vpc.model;

/** A numbered, stateless NACL rule; rule 32767 is the immutable catch-all deny. */
public final class NetworkAclEntry {
    public int ruleNumber;
    public boolean egress;
    public String protocol;
    public String ruleAction;
    public String cidrBlock;
    public String ipv6CidrBlock;
    public Integer icmpType;
    public Integer icmpCode;
    public Integer portFrom;
    public Integer portTo;
}

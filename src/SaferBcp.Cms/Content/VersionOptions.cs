namespace SaferBcp.Cms.Content;

public enum VersionOptions
{
    Latest,
    Published,
}

// The namespaces nearly every file of the app uses; a file names only the others it needs.
global using GovFunctions.Calendar;
global using GovFunctions.Common;
global using GovFunctions.OpenApi;
global using GovFunctions.Organization;
global using GovFunctions.Platform;
global using GovFunctions.Platform.Storage;
global using Microsoft.Extensions.Logging;
global using Microsoft.Extensions.Options;

// The namespaces nearly every file of the rules uses; a file names only the others it needs.
global using GovFunctions.Calendar;
global using GovFunctions.Common;
global using GovFunctions.Organization;

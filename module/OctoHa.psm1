# Loads the cmdlet build that matches this PowerShell: Core for PowerShell 7.4+ (.NET 8+), Desktop for
# Windows PowerShell 5.1 (.NET Framework). The manifest's CmdletsToExport lists what is exported.
$edition = if ($PSEdition -eq 'Core') { 'Core' } else { 'Desktop' }
$cmdletAssembly = [System.IO.Path]::Combine($PSScriptRoot, $edition, 'OctoHa.Cmdlets.dll')
$module = Import-Module -Name $cmdletAssembly -PassThru -ErrorAction Stop
Export-ModuleMember -Cmdlet @($module.ExportedCmdlets.Keys)

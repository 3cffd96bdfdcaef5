Attribute VB_Name = "CchcRibbon"
' cchc-xl ribbon callbacks. Every button of the CCHC tab calls OnAction; the button id
' goes to Python (cchc_xl.excel.ribbon.on_ribbon), where a dispatch table runs the same code
' as the cchc-xl command line. ASCII only: the VBA editor reads this file as cp1252.
Option Explicit

Public Sub OnAction(control As IRibbonControl)
    Dim folder As String
    Dim period As String
    If control.Id = "tong_hop" Then
        folder = PickFolder()
        If folder = "" Then Exit Sub
        RunPython "import cchc_xl.excel.ribbon as a; a.on_ribbon('tong_hop', '" & PyString(folder) & "')"
    ElseIf control.Id = "bao_cao" Then
        period = InputBox("Ky bao cao: quy1, 6thang, quy3 hoac nam", "CCHC", "quy1")
        If period = "" Then Exit Sub
        RunPython "import cchc_xl.excel.ribbon as a; a.on_ribbon('bao_cao', '" & PyString(period) & "')"
    Else
        RunPython "import cchc_xl.excel.ribbon as a; a.on_ribbon('" & control.Id & "')"
    End If
End Sub

' The folder holding the units' submissions (Tong hop).
Private Function PickFolder() As String
    #If Mac Then
        If ActiveWorkbook Is Nothing Then
            MsgBox "Mo mot tep trong thu muc bai nop roi bam Tong hop.", vbInformation, "CCHC"
        Else
            PickFolder = ActiveWorkbook.Path
        End If
    #Else
        With Application.FileDialog(4)
            .Title = "Chon thu muc chua bai nop cua cac don vi"
            .AllowMultiSelect = False
            If .Show = -1 Then PickFolder = .SelectedItems(1)
        End With
    #End If
End Function

' A path as the inside of a single-quoted Python string.
Private Function PyString(text As String) As String
    PyString = Replace(Replace(text, "\", "\\"), "'", "\'")
End Function

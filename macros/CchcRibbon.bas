Attribute VB_Name = "CchcRibbon"
' cchc-xl ribbon callbacks. Every button of the CCHC tab calls OnAction; the button id
' goes to Python (cchc_xl.excel.ribbon.on_ribbon), where a dispatch table runs the same code
' as the cchc-xl command line. ASCII only: the VBA editor reads this file as cp1252, so the
' clerk's Vietnamese messages are written with \uXXXX escapes (see Message) and shown with
' MessageBoxW, since VBA's MsgBox cannot show Vietnamese on Windows.
'
' Guards before Python runs: xlwings' RunPython reads ActiveWorkbook, which is Nothing when no
' workbook is open or the active window is in Protected View (run-time error 91 otherwise).
'   Kiem tra, Xoa danh dau: need an open, editable workbook (not Protected View, not read-only).
'   Bao cao: needs the master open and saved on this computer (it reads the file); unsaved edits
'   would be left out of the report without a word, so it offers to save them first.
'   Tong hop, Tao mau, Huong dan: need no workbook; when none is active a blank scratch book is
'   opened for RunPython and closed again afterwards.
Option Explicit

#If Mac Then
#ElseIf VBA7 Then
    Private Declare PtrSafe Function MessageBoxW Lib "user32" (ByVal hWnd As LongPtr, ByVal lpText As LongPtr, _
        ByVal lpCaption As LongPtr, ByVal uType As Long) As Long
#Else
    Private Declare Function MessageBoxW Lib "user32" (ByVal hWnd As Long, ByVal lpText As Long, _
        ByVal lpCaption As Long, ByVal uType As Long) As Long
#End If

Private Const PY As String = "import cchc_xl.excel.ribbon as a; a.on_ribbon("

Public Sub OnAction(control As IRibbonControl)
    Dim folder As String
    Dim period As String
    Select Case control.Id
    Case "kiem_tra", "xoa_danh_dau"
        If Not BookReady(True, "no_book") Then Exit Sub
        RunPython PY & "'" & control.Id & "')"
    Case "bao_cao"
        If Not BookReady(False, "no_master") Then Exit Sub
        If ActiveWorkbook.Path = "" Then
            Say "not_saved"
            Exit Sub
        End If
        If Not SavedOrSave() Then Exit Sub
        period = InputBox("Ky bao cao: quy1, 6thang, quy3 hoac nam", "CCHC", "quy1")
        If period = "" Then Exit Sub
        RunPython "import cchc_xl.excel.ribbon as a; a.on_ribbon('bao_cao', '" & PyString(period) & "')"
    Case "tong_hop"
        folder = PickFolder()
        If folder = "" Then Exit Sub
        RunWithABook "import cchc_xl.excel.ribbon as a; a.on_ribbon('tong_hop', '" & PyString(folder) & "')"
    Case Else
        RunWithABook PY & "'" & control.Id & "')"
    End Select
End Sub

' True when the active workbook can be worked on; otherwise tells the clerk what to do.
Private Function BookReady(mustEdit As Boolean, noBook As String) As Boolean
    If InProtectedView() Then
        Say "protected"
    ElseIf ActiveWorkbook Is Nothing Then
        Say noBook
    ElseIf mustEdit And ActiveWorkbook.ReadOnly Then
        Say "read_only"
    Else
        BookReady = True
    End If
End Function

' True when the active workbook holds no unsaved edit, or the clerk had it saved now (Bao cao reads the
' file on disk: what is only on screen would be missing from the report).
Private Function SavedOrSave() As Boolean
    If ActiveWorkbook.Saved Then
        SavedOrSave = True
        Exit Function
    End If
    If Not Ask("unsaved") Then Exit Function
    On Error Resume Next
    ActiveWorkbook.Save
    On Error GoTo 0
    If ActiveWorkbook.Saved Then
        SavedOrSave = True
    Else
        Say "save_failed"
    End If
End Function

' Protected View windows have no ActiveWorkbook; late-bound so that Excel for Mac compiles it.
Private Function InProtectedView() As Boolean
    Dim app As Object
    Set app = Application
    On Error Resume Next
    InProtectedView = Not (app.ActiveProtectedViewWindow Is Nothing)
    On Error GoTo 0
End Function

' RunPython for a button that needs no workbook: with none active, a blank one stands in.
Private Sub RunWithABook(pyCommand As String)
    Dim scratch As Workbook
    If ActiveWorkbook Is Nothing Then Set scratch = Workbooks.Add
    RunPython pyCommand
    If Not scratch Is Nothing Then
        On Error Resume Next
        scratch.Close SaveChanges:=False
        On Error GoTo 0
    End If
End Sub

' The folder holding the units' submissions (Tong hop).
Private Function PickFolder() As String
    #If Mac Then
        If ActiveWorkbook Is Nothing Then
            Say "mac_folder"
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

' Shows the clerk's message ``key`` in Vietnamese.
Private Sub Say(key As String)
    Dim text As String
    Dim title As String
    text = Message(key)
    title = "CCHC"
    #If Mac Then
        MsgBox text, vbExclamation, title
    #Else
        MessageBoxW Application.Hwnd, StrPtr(text), StrPtr(title), &H30&
    #End If
End Sub

' Asks the clerk question ``key`` in Vietnamese (Yes / No); True for Yes.
Private Function Ask(key As String) As Boolean
    Dim text As String
    Dim title As String
    text = Message(key)
    title = "CCHC"
    #If Mac Then
        Ask = (MsgBox(text, vbYesNo + vbQuestion, title) = vbYes)
    #Else
        Ask = (MessageBoxW(Application.Hwnd, StrPtr(text), StrPtr(title), &H24&) = 6)
    #End If
End Function

' The clerk's messages: Vietnamese, \uXXXX-escaped (tests/excel check each decodes to NFC text).
Private Function Message(key As String) As String
    Select Case key
    Case "no_book": Message = "Ch\u01b0a c\u00f3 workbook n\u00e0o \u0111ang m\u1edf. " & _
            "M\u1edf ph\u1ee5 l\u1ee5c (.xlsx) c\u1ea7n ki\u1ec3m tra r\u1ed3i b\u1ea5m l\u1ea1i."
    Case "no_master": Message = "Ch\u01b0a m\u1edf t\u1ec7p t\u1ed5ng h\u1ee3p. " & _
            "M\u1edf tong-hop.xlsx (trong th\u01b0 m\u1ee5c b\u00e0i n\u1ed9p) r\u1ed3i b\u1ea5m B\u00e1o c\u00e1o\u2026 l\u1ea1i."
    Case "protected": Message = "T\u1ec7p \u0111ang m\u1edf \u1edf Ch\u1ebf \u0111\u1ed9 xem \u0111\u01b0\u1ee3c b\u1ea3o v\u1ec7 (Protected View): Excel ch\u01b0a cho \u0111\u1ecdc hay t\u00f4 m\u00e0u t\u1ec7p n\u00e0y. " & _
            "B\u1ea5m \u201cEnable Editing\u201d (Cho ph\u00e9p ch\u1ec9nh s\u1eeda) tr\u00ean thanh v\u00e0ng ph\u00eda tr\u00ean b\u1ea3ng t\u00ednh r\u1ed3i b\u1ea5m l\u1ea1i."
    Case "read_only": Message = "T\u1ec7p \u0111ang m\u1edf \u1edf ch\u1ebf \u0111\u1ed9 ch\u1ec9 \u0111\u1ecdc (Read-Only): m\u00e0u v\u00e0 ghi ch\u00fa s\u1ebd kh\u00f4ng l\u01b0u \u0111\u01b0\u1ee3c v\u00e0o t\u1ec7p. " & _
            "L\u01b0u m\u1ed9t b\u1ea3n v\u00e0o th\u01b0 m\u1ee5c c\u1ee7a b\u1ea1n (File > Save As), m\u1edf b\u1ea3n \u0111\u00f3 r\u1ed3i b\u1ea5m l\u1ea1i; " & _
            "n\u1ebfu t\u1ec7p \u0111ang \u0111\u01b0\u1ee3c ng\u01b0\u1eddi kh\u00e1c m\u1edf tr\u00ean m\u1ea1ng, ch\u1edd h\u1ecd \u0111\u00f3ng t\u1ec7p."
    Case "not_saved": Message = "T\u1ec7p t\u1ed5ng h\u1ee3p ch\u01b0a \u0111\u01b0\u1ee3c l\u01b0u tr\u00ean m\u00e1y. " & _
            "B\u00e1o c\u00e1o\u2026 \u0111\u1ecdc t\u1ec7p \u0111\u00e3 l\u01b0u: m\u1edf tong-hop.xlsx trong th\u01b0 m\u1ee5c b\u00e0i n\u1ed9p r\u1ed3i b\u1ea5m l\u1ea1i."
    Case "unsaved": Message = "T\u1ec7p t\u1ed5ng h\u1ee3p c\u00f3 thay \u0111\u1ed5i ch\u01b0a l\u01b0u. B\u00e1o c\u00e1o\u2026 \u0111\u1ecdc t\u1ec7p \u0111\u00e3 l\u01b0u tr\u00ean \u0111\u0129a, n\u00ean nh\u1eefng thay \u0111\u1ed5i \u0111\u00f3 s\u1ebd kh\u00f4ng c\u00f3 trong b\u00e1o c\u00e1o. " & _
            "L\u01b0u t\u1ec7p b\u00e2y gi\u1edd r\u1ed3i l\u1eadp b\u00e1o c\u00e1o? (Yes: l\u01b0u r\u1ed3i l\u1eadp b\u00e1o c\u00e1o; No: kh\u00f4ng l\u1eadp b\u00e1o c\u00e1o)"
    Case "save_failed": Message = "Kh\u00f4ng l\u01b0u \u0111\u01b0\u1ee3c t\u1ec7p t\u1ed5ng h\u1ee3p (t\u1ec7p ch\u1ec9 \u0111\u1ecdc ho\u1eb7c \u0111ang b\u1ecb kh\u00f3a). " & _
            "L\u01b0u t\u1ec7p (File > Save As n\u1ebfu c\u1ea7n), m\u1edf b\u1ea3n \u0111\u00e3 l\u01b0u r\u1ed3i b\u1ea5m B\u00e1o c\u00e1o\u2026 l\u1ea1i."
    Case "mac_folder": Message = "M\u1edf m\u1ed9t t\u1ec7p trong th\u01b0 m\u1ee5c b\u00e0i n\u1ed9p r\u1ed3i b\u1ea5m T\u1ed5ng h\u1ee3p\u2026 (th\u01b0 m\u1ee5c c\u1ee7a t\u1ec7p \u0111\u00f3 \u0111\u01b0\u1ee3c t\u1ed5ng h\u1ee3p)."
    End Select
    Message = U(Message)
End Function

' Decodes \uXXXX escapes into the characters they stand for.
Private Function U(text As String) As String
    Dim i As Long
    Dim out As String
    i = 1
    Do While i <= Len(text)
        If Mid$(text, i, 2) = "\u" And i + 5 <= Len(text) Then
            out = out & ChrW$(CLng("&H" & Mid$(text, i + 2, 2)) * 256 + CLng("&H" & Mid$(text, i + 4, 2)))
            i = i + 6
        Else
            out = out & Mid$(text, i, 1)
            i = i + 1
        End If
    Loop
    U = out
End Function
